using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Privacy;

public static class PrivacyRegistration
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section));
        services.AddScoped<AccessCopy>();
        services.AddScoped<SignatureManagement>();
        services.AddScoped<RetentionJob>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}
