using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Petitions.Core.Data;
using Petitions.Core.Staff;

namespace Petitions.Web.Staff;

// Identity stores the authenticator key in AspNetUserTokens as it is, and the key is the second
// factor itself: whoever reads it can make every code. This store keeps it encrypted by a Data
// Protection purpose of its own, so it is as safe at rest as the Data Protection keys are (see
// Hosting/KeyProtection: encrypted to a certificate when one is configured). Identity's
// ProtectPersonalData would do this for every personal field, and make email addresses
// unsearchable; only this one secret needs it.
public sealed class ProtectedUserStore(PetitionsDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<StaffUser, IdentityRole, PetitionsDbContext>(context, describer)
{
    // Base32 never holds a colon, so a key stored in the clear can never be taken for a protected one.
    private const string Prefix = "protected:";

    private readonly IDataProtector _protector = protection.CreateProtector("Petitions.Staff.AuthenticatorKey");

    public override Task SetAuthenticatorKeyAsync(StaffUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, Prefix + _protector.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        if (string.IsNullOrEmpty(stored))
            return stored;
        if (stored.StartsWith(Prefix, StringComparison.Ordinal))
            return _protector.Unprotect(stored[Prefix.Length..]);
        // Enrolled before keys were protected: the key goes on working, and is protected from
        // its first use on.
        await SetAuthenticatorKeyAsync(user, stored, cancellationToken);
        await Context.SaveChangesAsync(cancellationToken);
        return stored;
    }
}

public static class ProtectedAuthenticatorKeys
{
    // After AddStaffAuthentication, in place of the store AddEntityFrameworkStores registered.
    public static IServiceCollection AddProtectedAuthenticatorKeys(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Scoped<IUserStore<StaffUser>, ProtectedUserStore>());
}
