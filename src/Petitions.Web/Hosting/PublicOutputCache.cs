using Microsoft.AspNetCore.OutputCaching;
using Petitions.Core.Publishing;

namespace Petitions.Web.Hosting;

// Whole cached responses, for the public API only.
//
// The API's answers are the same for every caller: no cookies, no per-visitor token. So a
// finished response is kept for as long as the data under it may be (PublicCacheOptions.Lifetime,
// one second by default) and served without running the endpoint. The petition page is not cached
// this way: it carries the visitor's own antiforgery token and signed form timestamp, and a page
// holding someone else's token would refuse their signature. The page is rendered for every
// request from cached data instead (PetitionSnapshots).
//
// Output caching locks by default: of many requests for a missing key, one runs the endpoint and
// the others wait for its response (PublicCacheTests checks it). The cache key is ASP.NET's
// default (scheme, host, path base and path, since the response's links use the host) but
// without the query string, which the API ignores: varying by it would let anyone defeat the
// cache with ?x=1, ?x=2, ... If the API is ever localised, it must vary by Accept-Language.
//
// A change made through this instance evicts every cached API response (PetitionSnapshots.Evicted);
// changes made on other instances show when the entries expire.
public static class PublicOutputCache
{
    public const string PolicyName = "public-api";

    // A petition's updates feed (Updates/UpdatesFeed): like the API, but one entry per site
    // language, since ?lang= chooses the feed's language; any other query, and any value of lang
    // that is not a site language, shares the default's entry.
    public const string FeedPolicyName = "public-feed";
    private const string Tag = "petitions-api";

    public static IServiceCollection AddPublicOutputCache(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<Microsoft.Extensions.Options.IOptions<PublicCacheOptions>>((options, cache) =>
            options.AddPolicy(PolicyName, policy =>
            {
                if (cache.Value.Lifetime <= TimeSpan.Zero)
                    policy.NoCache();
                else
                    policy.Expire(cache.Value.Lifetime).SetVaryByQuery([]).Tag(Tag);
            }));
        services.AddOptions<OutputCacheOptions>().Configure<Microsoft.Extensions.Options.IOptions<PublicCacheOptions>>((options, cache) =>
            options.AddPolicy(FeedPolicyName, policy =>
            {
                if (cache.Value.Lifetime <= TimeSpan.Zero)
                    policy.NoCache();
                else
                    policy.Expire(cache.Value.Lifetime).SetVaryByQuery([])
                        .VaryByValue(context => new("lang", Updates.UpdatesFeed.LanguageOf(context.Request.Query["lang"])))
                        .Tag(Tag);
            }));
        return services;
    }

    public static WebApplication UsePublicOutputCache(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        app.Services.GetRequiredService<PetitionSnapshots>().Evicted += _ => Evict(store);
        app.UseOutputCache();
        return app;
    }

    // The in-memory store evicts synchronously; anything it might still be doing is not worth a
    // request's wait, since the entries expire within the lifetime anyway.
    private static void Evict(IOutputCacheStore store) => _ = store.EvictByTagAsync(Tag, CancellationToken.None).AsTask();
}
