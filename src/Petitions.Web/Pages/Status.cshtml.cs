using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    // The code is read from the route by hand: binding a parameter would read the posted form,
    // and the form may be the very thing that was refused.
    public int Code => int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : 500;

    public void OnGet() { }
    public void OnPost() { }
}
