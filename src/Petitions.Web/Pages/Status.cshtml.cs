using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    // The code is read from the route by hand: binding a parameter would read the posted form,
    // and the form may be the very thing that was refused.
    public int Code => int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : 500;

    // A form the reader refused (a %00 in it, say) fails the antiforgery check first, since the
    // token cannot be read from it, and that check answers 400 whatever the reason; saying "it may
    // have been open too long" would send the user round in a circle. The reader keeps its failure,
    // so asking for the form again does not read the body again, and says what went wrong: bytes
    // it cannot parse, or a body over the size limit, which deserves its own 413.
    public bool FormUnreadable { get; private set; }

    // The code, unless reading the form found a truer one. Re-executed for a PUT or a DELETE, the
    // page runs no handler, and still shows the code.
    private int? _shown;
    public int Shown { get => _shown ?? Code; private set => _shown = value; }

    public async Task OnGetAsync() => await DescribeAsync();
    public async Task OnPostAsync() => await DescribeAsync();

    private async Task DescribeAsync()
    {
        Shown = Code;
        if (Code != StatusCodes.Status400BadRequest || !Request.HasFormContentType || HttpContext.Features.Get<IFormFeature>() is not { } form)
            return;
        try
        {
            await form.ReadFormAsync(HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Shown = Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            FormUnreadable = true;
        }
    }
}
