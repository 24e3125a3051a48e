using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Insights;

public static class InsightsRegistration
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddScoped<PetitionInsights>();
        return services;
    }
}
