using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Counting;

public static class CountingRegistration
{
    public static IServiceCollection AddCounting(this IServiceCollection services)
    {
        services.AddScoped<SignatureCounter>();
        services.AddSingleton<PetitionStatistics>();
        return services;
    }
}
