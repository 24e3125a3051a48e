using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Updates;

public static class UpdatesRegistration
{
    public static IServiceCollection AddUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpdateOptions>().Bind(configuration.GetSection(UpdateOptions.Section));
        services.AddScoped<UnsubscribeTokens>();
        services.AddScoped<Unsubscribing>();
        services.AddSingleton<PublicUpdates>();
        services.AddSingleton<IValidator<UpdateForm>, UpdateFormValidator>();
        services.AddScoped<UpdateEmails>();
        services.AddScoped<UpdateEditor>();
        services.AddSingleton<UpdateSignal>();
        services.AddSingleton<UpdateSender>();
        services.AddHostedService(sp => sp.GetRequiredService<UpdateSender>());
        return services;
    }
}
