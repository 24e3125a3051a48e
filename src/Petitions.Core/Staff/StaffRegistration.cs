using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Staff;

public static class StaffRegistration
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffAccess>();
        services.AddScoped<StaffPasswordCheck>();
        return services;
    }
}
