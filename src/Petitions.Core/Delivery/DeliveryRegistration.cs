using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Delivery;

public static class DeliveryRegistration
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>()
            .Configure(o => o.Organiser = configuration["App:Name"] ?? o.Organiser)
            .Bind(configuration.GetSection(DeliveryOptions.Section));
        services.AddScoped<ReceiptKeys>();
        services.AddSingleton<LoadedReceiptKey>();
        services.AddScoped<SignerListQuery>();
        services.AddScoped<DeliveryExporter>();
        services.AddScoped<ExportJobs>();
        services.AddScoped<DeliveryReceipts>();
        services.AddScoped<DeliveryRecords>();
        services.AddSingleton<IValidator<DeliveryRecordRequest>, DeliveryRecordValidator>();
        services.AddSingleton<IValidator<ResponseRequest>, ResponseRequestValidator>();
        services.AddSingleton<ExportSignal>();
        services.AddSingleton<ExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportWorker>());
        return services;
    }
}
