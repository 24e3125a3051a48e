using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Moderation;

public static class ModerationRegistration
{
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<SignatureFilterInput>, SignatureFilterValidator>();
        services.AddScoped<SignatureList>();
        services.AddScoped<SignatureModeration>();
        return services;
    }
}
