using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Petitions.Web.Hosting;

// A page with no handler for a request's method (a POST to a page that only shows something)
// would be rendered anyway, by Razor Pages' rule, without its OnGet having loaded what it shows:
// a 500. Such a request gets 405, and the status page saying this address is not a form.
public sealed class UnhandledMethods : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        // The status and error pages re-executed for a request answer in its method, whatever it
        // was (a PUT): they are shown, not refused.
        var reExecuted = http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerFeature>() is not null;
        if (context.HandlerMethod is null && !reExecuted && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }
        await next();
    }
}
