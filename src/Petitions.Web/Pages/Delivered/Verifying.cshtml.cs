using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages.Delivered;

public sealed class VerifyingModel : PageModel
{
    public void OnGet()
    {
    }
}
