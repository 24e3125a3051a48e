using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Petitions.Core.Privacy;

// Runs the retention job every RetentionInterval on each instance. Running it on several
// instances at once is safe (see RetentionJob), only redundant; the work is small once caught up.
public sealed class RetentionWorker(
    IServiceScopeFactory scopes,
    IOptions<PrivacyOptions> options,
    TimeProvider clock,
    ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RetentionInterval;
        if (interval <= TimeSpan.Zero)
            return;
        // Let the app finish starting, and keep instances that start together from running in step.
        var firstDelay = TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(Random.Shared.Next(30));
        try
        {
            await Task.Delay(firstDelay < interval ? firstDelay : interval, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var report = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(stoppingToken);
                    if (report.Any)
                        logger.LogInformation("Retention: {Report}", report);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "The retention job failed; it will run again at the next interval.");
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
