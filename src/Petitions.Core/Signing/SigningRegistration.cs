using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Signing;

public static class SigningRegistration
{
    public static IServiceCollection AddSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section));
        services.AddSingleton<IValidator<SignRequest>, SignRequestValidator>();
        services.AddScoped<SigningService>();
        services.AddScoped<ConfirmationService>();
        return services;
    }
}
