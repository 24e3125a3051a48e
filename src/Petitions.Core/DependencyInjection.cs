using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Audit;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Insights;
using Petitions.Core.Moderation;
using Petitions.Core.Petitions;
using Petitions.Core.Signing;

namespace Petitions.Core;

public static class DependencyInjection
{
    public static IServiceCollection AddPetitionsCore(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section));
        services.AddOptions<Privacy.PrivacyOptions>().Bind(configuration.GetSection(Privacy.PrivacyOptions.Section));
        services.AddOptions<Delivery.DeliveryOptions>()
            .Configure(o => o.Organiser = configuration["App:Name"] ?? o.Organiser)
            .Bind(configuration.GetSection(Delivery.DeliveryOptions.Section));
        services.AddOptions<Updates.UpdateOptions>().Bind(configuration.GetSection(Updates.UpdateOptions.Section));

        // Pooled: a request rents a context that is reset (change tracker, transaction, command
        // timeout) when its scope ends, instead of building one each time. Nothing in the app keeps
        // state on the context itself, which is what pooling requires.
        services.AddDbContextPool<PetitionsDbContext>(options => PetitionsDbContext.Configure(options, connectionString));
        services.AddSingleton(TimeProvider.System);
        // Resources sit beside their marker class (Languages/CoreText.resx), so no resources path.
        services.AddLocalization();

        services.AddSingleton<IValidator<SignRequest>, SignRequestValidator>();
        services.AddScoped<SigningService>();
        services.AddScoped<ConfirmationService>();
        services.AddScoped<SignatureCounter>();
        services.AddOptions<PublicCacheOptions>().Bind(configuration.GetSection(PublicCacheOptions.Section));
        services.AddSingleton<PetitionSnapshots>();
        services.AddSingleton<Statistics.PetitionStatistics>();
        services.AddScoped<PetitionQueries>();
        services.AddOptions<Sharing.SharingOptions>().Bind(configuration.GetSection(Sharing.SharingOptions.Section));
        services.AddSingleton<Sharing.SocialImages>();
        services.AddScoped<PetitionAdminQueries>();
        services.AddScoped<PetitionEditor>();
        services.AddSingleton<IValidator<PetitionForm>, PetitionFormValidator>();
        services.AddScoped<DemoPetition>();
        services.AddScoped<SignatureEmails>();
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxStatusQuery>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Staff.StaffAccounts>();
        services.AddScoped<Staff.StaffAccess>();
        services.AddScoped<Staff.StaffPasswordCheck>();
        services.AddSingleton<IValidator<AuditSearch>, AuditSearchValidator>();
        services.AddScoped<AuditQueries>();

        services.AddScoped<AbuseCheck>();
        services.AddSingleton<AbuseControlsCache>();
        services.AddSingleton<IValidator<AbuseRulesChange>, AbuseRulesChangeValidator>();
        services.AddSingleton<IValidator<AccessListAddition>, AccessListAdditionValidator>();
        services.AddScoped<AbuseRulesService>();
        services.AddScoped<PetitionInsights>();
        services.AddSingleton<IValidator<SignatureFilterInput>, SignatureFilterValidator>();
        services.AddScoped<SignatureList>();
        services.AddScoped<SignatureModeration>();
        services.AddScoped<Import.PaperImport>();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        services.AddScoped<Delivery.ReceiptKeys>();
        services.AddSingleton<Delivery.LoadedReceiptKey>();
        services.AddScoped<Updates.UnsubscribeTokens>();
        services.AddScoped<Updates.Unsubscribing>();
        services.AddSingleton<Updates.PublicUpdates>();
        services.AddScoped<Delivery.SignerListQuery>();
        services.AddScoped<Delivery.DeliveryExporter>();
        services.AddScoped<Delivery.ExportJobs>();
        services.AddScoped<Delivery.DeliveryReceipts>();
        services.AddScoped<Delivery.DeliveryRecords>();
        services.AddSingleton<IValidator<Delivery.DeliveryRecordRequest>, Delivery.DeliveryRecordValidator>();
        services.AddSingleton<IValidator<Delivery.ResponseRequest>, Delivery.ResponseRequestValidator>();
        services.AddScoped<DemoSignatures>();
        services.AddSingleton<Delivery.ExportSignal>();
        services.AddSingleton<Delivery.ExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Delivery.ExportWorker>());

        services.AddSingleton<IValidator<Updates.UpdateForm>, Updates.UpdateFormValidator>();
        services.AddScoped<Updates.UpdateEmails>();
        services.AddScoped<Updates.UpdateEditor>();
        services.AddSingleton<Updates.UpdateSignal>();
        services.AddSingleton<Updates.UpdateSender>();
        services.AddHostedService(sp => sp.GetRequiredService<Updates.UpdateSender>());

        services.AddScoped<Privacy.AccessCopy>();
        services.AddScoped<Privacy.SignatureManagement>();
        services.AddScoped<Privacy.RetentionJob>();
        services.AddHostedService<Privacy.RetentionWorker>();
        return services;
    }

    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PetitionsDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
