using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Petitions.Core.Abuse;

namespace Petitions.Web.Hosting;

public sealed class FloodGuardOptions
{
    public const string Section = "FloodGuard";

    // Sign-in, two-factor, invitation and staff-page forms, per client address. Lockout protects each
    // account; this protects the site from someone trying many accounts.
    public int StaffFormsPerMinute { get; set; } = 10;

    // Both limits are counted in memory, per instance: behind a balancer that spreads a client over
    // N instances, the client gets N times the limit (docs/scaling.md). That is acceptable for a
    // flood guard; the abuse rules that must hold exactly are counted in PostgreSQL.
    //
    // Signatures per client address, and separately the forms behind the links in signers'
    // emails (confirm, new link, manage). Deliberately coarse: a school or office shares one address,
    // and the silent per-petition rules (see AbuseCheck) do the fine work without telling a bot.
    public int SignaturesPerMinute { get; set; } = 120;
}

// Answers floods with 429 Too Many Requests and a Retry-After, never the limiter's default 503,
// which would read as the site being down.
public static class FloodGuard
{
    public static IServiceCollection AddFloodGuard(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(FloodGuardOptions.Section).Get<FloodGuardOptions>() ?? new();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                    return RateLimitPartition.GetNoLimiter("");
                var path = http.Request.Path.Value ?? "";
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                // /admin/login covers the two-factor step too; /admin/account/two-factor, where
                // staff turn two-factor on, checks codes as well. Every form on /admin/staff
                // counts, not only ?handler=Invite: handler names match in any case and the query
                // may repeat, so matching the handler here would let a changed spelling past.
                if (path.StartsWith("/admin/login", StringComparison.OrdinalIgnoreCase)
                    || path.StartsWith("/admin/account/two-factor", StringComparison.OrdinalIgnoreCase)
                    || path.StartsWith("/admin/accept-invitation", StringComparison.OrdinalIgnoreCase)
                    || path.StartsWith("/admin/staff", StringComparison.OrdinalIgnoreCase))
                    return PerMinute("staff:" + client, settings.StaffFormsPerMinute);
                if (path.StartsWith("/petitions/", StringComparison.OrdinalIgnoreCase))
                    return PerMinute("sign:" + client, settings.SignaturesPerMinute);
                // The forms behind the links in signers' emails: each checks a token, and some
                // send email (a new link, a copy of the data). As coarse as signing, in a bucket
                // of their own, so confirming is never held up by someone else's signing.
                if (path.StartsWith("/confirm/", StringComparison.OrdinalIgnoreCase)
                    || path.StartsWith("/signatures/", StringComparison.OrdinalIgnoreCase))
                    return PerMinute("links:" + client, settings.SignaturesPerMinute);
                return RateLimitPartition.GetNoLimiter("");
            });
        });
        return services;
    }

    private static RateLimitPartition<string> PerMinute(string key, int limit) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        });
}
