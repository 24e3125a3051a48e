using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Petitions.Web.Hosting;

// How much a request may carry, and what the app answers when a request cannot be read.
public static class RequestLimits
{
    // The largest form people fill in is the petition editor: 20,000 characters of text, at most
    // 12 bytes each once percent-encoded, is under 250 KB. 2 MB leaves room for that and turns a
    // flood of bytes away before it is read into memory. The paper import takes files and sets
    // its own limit on its page.
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxBodyBytes);

    // The status a failure is answered with, when the request itself was at fault: a body over
    // the limit (413), a body that ends early or a form the reader refuses, such as one holding
    // %00 or too many fields (400). Everything else is the app's fault, and a 500.
    public static int StatusCodeFor(Exception exception) => exception switch
    {
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ when exception.InnerException is { } inner => StatusCodeFor(inner),
        _ => StatusCodes.Status500InternalServerError,
    };
}
