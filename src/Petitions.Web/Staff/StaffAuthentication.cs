using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Petitions.Core.Data;
using Petitions.Core.Staff;

namespace Petitions.Web.Staff;

// How long a staff session may last. Sessions slide (an hour without a request ends one), but
// however busy, a session ends MaxSessionAge after its sign-in. Every SessionCheckInterval the
// session's security stamp is compared with the account's, so a session of an account whose
// password, role, two-factor setting or state changed, or that signed out elsewhere, ends within
// that time.
public sealed class StaffSessionOptions
{
    public const string Section = "Staff";

    public TimeSpan MaxSessionAge { get; set; } = TimeSpan.FromHours(12);
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class StaffAuthentication
{
    // The sign-in time rides in the cookie's authentication properties, which a sliding renewal,
    // a stamp check and RefreshSignInAsync all carry over, and only a new sign-in replaces.
    private const string SignedInAtKey = "staff.signed-in-at";

    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffSessionOptions>().Bind(configuration.GetSection(StaffSessionOptions.Section));
        services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PetitionsDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddDefaultTokenProviders();
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<StaffSessionOptions>>((options, session) => options.ValidationInterval = session.Value.SessionCheckInterval);

        // Invitation links are password-reset tokens; they expire with the token provider.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(3));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "petitions.staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure is decided for every cookie at once, in CookieRules.
            // Sliding expiry: an hour without a request signs staff out; activity keeps them in.
            options.ExpireTimeSpan = TimeSpan.FromHours(1);
            options.SlidingExpiration = true;
            options.LoginPath = "/admin/login";
            options.LogoutPath = "/admin/logout";
            // A signed-in Moderator asking for an Admin page gets a plain 403, not a login loop.
            options.Events.OnSigningIn = context =>
            {
                if (!context.Properties.Items.ContainsKey(SignedInAtKey))
                    context.Properties.Items[SignedInAtKey] = Clock(context.HttpContext).GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            };
            // Identity set this to the stamp check; the age check goes first. A cookie without a
            // sign-in time was issued before there was one, and is treated as too old.
            options.Events.OnValidatePrincipal = async context =>
            {
                var maxAge = context.HttpContext.RequestServices.GetRequiredService<IOptions<StaffSessionOptions>>().Value.MaxSessionAge;
                if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var text)
                    || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    || Clock(context.HttpContext).GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > maxAge)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddScoped<StaffSignInManager>(sp => (StaffSignInManager)sp.GetRequiredService<SignInManager<StaffUser>>());
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.Moderator))
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin));
        return services;
    }

    private static TimeProvider Clock(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>();
}
