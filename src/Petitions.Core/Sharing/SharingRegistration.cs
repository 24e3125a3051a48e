using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Sharing;

public static class SharingRegistration
{
    public static IServiceCollection AddSharing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SharingOptions>().Bind(configuration.GetSection(SharingOptions.Section));
        services.AddSingleton<SocialImages>();
        return services;
    }
}
