using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Email;

public static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.AddScoped<SignatureEmails>();
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxStatusQuery>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
