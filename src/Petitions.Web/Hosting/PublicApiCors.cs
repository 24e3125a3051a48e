namespace Petitions.Web.Hosting;

// The public API's data is public, so any site may read it from a visitor's browser: every
// origin, GET (and HEAD) only, and no credentials, so a visitor's cookies are never sent with
// such a request and nothing answered depends on who they are. The policy is attached to the
// read endpoints alone (PetitionsApi, the OpenAPI document); pages, forms and the staff area have
// no CORS policy, so a browser keeps other sites from reading their responses.
public static class PublicApiCors
{
    public const string PolicyName = "public-read";

    public static IServiceCollection AddPublicApiCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddPolicy(PolicyName, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            // A day: the policy never varies, so browsers need not ask again for each request.
            .SetPreflightMaxAge(TimeSpan.FromDays(1))));
}
