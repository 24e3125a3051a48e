using Microsoft.AspNetCore.Diagnostics;

namespace Petitions.Web.Hosting;

public static class FormPosts
{
    // Every page that takes a POST takes a form. A JSON or plain-text body sent to one would
    // otherwise fail the antiforgery check and hear "the form may have been open too long",
    // which is not why it was refused: 415 says what was wrong. A POST with no body at all still
    // reaches that check, and gets its 400. The API has no POST endpoints, and answers for itself.
    public static IApplicationBuilder UseFormPostsOnly(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && !string.IsNullOrEmpty(request.ContentType)
            && !request.HasFormContentType
            && !request.Path.StartsWithSegments("/api")
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        await next();
    });
}
