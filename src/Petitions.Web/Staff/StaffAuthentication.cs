using Microsoft.AspNetCore.Identity;
using Petitions.Core.Data;
using Petitions.Core.Staff;

namespace Petitions.Web.Staff;

public static class StaffAuthentication
{
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services)
    {
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
            .AddDefaultTokenProviders();

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
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.Moderator))
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin));
        return services;
    }
}
