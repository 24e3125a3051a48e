namespace Petitions.Web.Hosting;

// Headers on every response. The pages use no inline script or style, so the policy can forbid
// both; no page may be framed, which stops clickjacking of the sign and confirm buttons.
// Referrer-Policy keeps confirmation tokens in /confirm/... addresses from leaking to other sites.
//
// The one exception is the embeddable widget ([Frameable]): other sites put it in an iframe. It
// has no form and no button that acts, only a link that opens the petition in a new tab, so a
// site that frames it can trick nobody into signing. It may be framed by the sites in
// Sharing:WidgetFrameAncestors, and answers without X-Frame-Options, which knows no such list.
public static class SecurityHeaders
{
    private const string PolicyExceptFraming =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; ";

    private const string ContentSecurityPolicy = PolicyExceptFraming + "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var ancestors = app.ApplicationServices.GetRequiredService<IConfiguration>()
            .GetValue<string>(FramingOptions.WidgetFrameAncestorsKey) ?? FramingOptions.AnySite;
        var frameablePolicy = PolicyExceptFraming + "frame-ancestors " + FramingOptions.Validate(ancestors);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                // The endpoint is known by now: routing ran before anything wrote the response.
                var frameable = context.GetEndpoint()?.Metadata.GetMetadata<FrameableAttribute>() is not null;
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = frameable ? frameablePolicy : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                if (frameable)
                    headers.Remove("X-Frame-Options");
                else
                    headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}

// Marks the one page other sites may put in a frame (see SecurityHeaders).
[AttributeUsage(AttributeTargets.Class)]
public sealed class FrameableAttribute : Attribute;

public static class FramingOptions
{
    public const string WidgetFrameAncestorsKey = "Sharing:WidgetFrameAncestors";
    public const string AnySite = "*";

    // Sources as CSP writes them, separated by spaces: "*", or "https://example.org https://*.example.net".
    // A ';' or ',' would end the directive and start another, so it is refused at startup.
    public static string Validate(string ancestors)
    {
        var trimmed = ancestors.Trim();
        if (trimmed.Length == 0 || trimmed.IndexOfAny([';', ',', '\r', '\n']) >= 0)
            throw new InvalidOperationException(
                $"{WidgetFrameAncestorsKey} must be \"*\" or web origins separated by spaces, e.g. \"https://example.org https://news.example.net\"; it was \"{ancestors}\".");
        return trimmed;
    }
}
