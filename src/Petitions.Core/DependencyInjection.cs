using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Abuse;
using Petitions.Core.Audit;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Core.Email;
using Petitions.Core.Import;
using Petitions.Core.Insights;
using Petitions.Core.Moderation;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;
using Petitions.Core.Sharing;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Core.Updates;

namespace Petitions.Core;

// Each feature registers its own services (Signing/SigningRegistration.cs and so on); this is the
// whole list, and the parts every feature shares.
public static class DependencyInjection
{
    public static IServiceCollection AddPetitionsCore(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        // Pooled: a request rents a context that is reset (change tracker, transaction, command
        // timeout) when its scope ends, instead of building one each time. Nothing in the app keeps
        // state on the context itself, which is what pooling requires.
        services.AddDbContextPool<PetitionsDbContext>(options => PetitionsDbContext.Configure(options, connectionString));
        services.AddSingleton(TimeProvider.System);
        // Resources sit beside their marker class (Languages/CoreText.resx), so no resources path.
        services.AddLocalization();

        return services
            .AddPublishing(configuration)
            .AddSigning(configuration)
            .AddCounting()
            .AddAbuse()
            .AddEmail(configuration)
            .AddSharing(configuration)
            .AddAudit()
            .AddStaff()
            .AddInsights()
            .AddModeration()
            .AddImport()
            .AddDelivery(configuration)
            .AddUpdates(configuration)
            .AddPrivacy(configuration);
    }

    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PetitionsDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
