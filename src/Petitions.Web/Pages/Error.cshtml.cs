using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Web.Hosting;

namespace Petitions.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public bool DatabaseUnavailable { get; private set; }

    // Set by RequestLimits.StatusCodeFor when the request, not the app, was at fault.
    public int Code => Response.StatusCode;

    public void OnGet() => Describe();
    public void OnPost() => Describe();

    private void Describe()
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        DatabaseUnavailable = DatabaseErrors.IsUnavailable(error);
        if (DatabaseUnavailable)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "10";
        }
    }
}
