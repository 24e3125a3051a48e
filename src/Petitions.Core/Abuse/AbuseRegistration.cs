using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Abuse;

public static class AbuseRegistration
{
    public static IServiceCollection AddAbuse(this IServiceCollection services)
    {
        services.AddScoped<AbuseCheck>();
        services.AddSingleton<AbuseControlsCache>();
        services.AddSingleton<IValidator<AbuseRulesChange>, AbuseRulesChangeValidator>();
        services.AddSingleton<IValidator<AccessListAddition>, AccessListAdditionValidator>();
        services.AddScoped<AbuseRulesService>();
        return services;
    }
}
