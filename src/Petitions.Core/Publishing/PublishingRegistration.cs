using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Publishing;

public static class PublishingRegistration
{
    public static IServiceCollection AddPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicCacheOptions>().Bind(configuration.GetSection(PublicCacheOptions.Section));
        services.AddSingleton<PetitionSnapshots>();
        services.AddScoped<PetitionQueries>();
        services.AddScoped<PetitionAdminQueries>();
        services.AddScoped<PetitionEditor>();
        services.AddSingleton<IValidator<PetitionForm>, PetitionFormValidator>();
        return services;
    }
}
