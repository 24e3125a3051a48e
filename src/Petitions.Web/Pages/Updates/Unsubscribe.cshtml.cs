using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using Petitions.Core.Languages;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;
using Petitions.Core.Updates;

namespace Petitions.Web.Pages.Updates;

// The address in an update email's List-Unsubscribe header and in its visible link.
//
// Mail providers unsubscribe with a POST of "List-Unsubscribe=One-Click" to this address (RFC
// 8058): no cookie, no antiforgery token, no page. The token in the address is the proof, and
// the only thing it can do is what its holder could do by pressing the button, so the one-click
// handler alone goes without the antiforgery check. The page ignores the framework's automatic
// check for that reason, and OnPageHandlerExecutionAsync applies it to every other POST.
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(
    Unsubscribing unsubscribing,
    PetitionQueries petitions,
    IAntiforgery antiforgery,
    IStringLocalizer<UpdatesText> words) : PageModel
{
    private const string OneClickHandler = "OnPostAsync";

    public UnsubscribeResult Result { get; private set; } = new UnsubscribeResult.Unknown();

    // The button was pressed: the page after the redirect says it is done, not "nothing to do".
    public bool JustUnsubscribed { get; private set; }

    // Opening the link only shows a button: mail scanners follow links, and must not unsubscribe.
    public async Task OnGetAsync(string token, string? status, CancellationToken cancellationToken)
    {
        Result = await InReadersLanguageAsync(await unsubscribing.InspectAsync(token, cancellationToken), cancellationToken);
        JustUnsubscribed = status == "done" && Result is UnsubscribeResult.NothingToDo;
        if (Result is UnsubscribeResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
    }

    // RFC 8058 one-click, from the mail provider's own button. The answer is for a program: a
    // status and a short text.
    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!Request.HasFormContentType || Request.Form["List-Unsubscribe"] != "One-Click")
            return BadRequest();
        return await unsubscribing.UnsubscribeAsync(token, ConsentEventSource.OneClick, cancellationToken) is UnsubscribeResult.Unknown
            ? new ContentResult { StatusCode = StatusCodes.Status404NotFound, Content = words["Unsubscribe.OneClickUnknown"], ContentType = "text/plain; charset=utf-8" }
            : Content(words["Unsubscribe.OneClickDone"], "text/plain; charset=utf-8");
    }

    // The page's button.
    public async Task<IActionResult> OnPostUnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        Result = await unsubscribing.UnsubscribeAsync(token, ConsentEventSource.EmailLink, cancellationToken);
        if (Result is UnsubscribeResult.Unsubscribed)
            return RedirectToPage(new { token, status = "done" });
        Result = await InReadersLanguageAsync(Result, cancellationToken);
        if (Result is UnsubscribeResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (HttpMethods.IsPost(Request.Method) && context.HandlerMethod?.MethodInfo.Name != OneClickHandler
            && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            context.Result = new AntiforgeryValidationFailedResult();
            return;
        }
        await next();
    }

    // The petition's title as the reader's language has it, from the cached snapshot, when staff
    // have translated it.
    private async Task<UnsubscribeResult> InReadersLanguageAsync(UnsubscribeResult result, CancellationToken cancellationToken)
    {
        var slug = result switch
        {
            UnsubscribeResult.Subscribed s => s.PetitionSlug,
            UnsubscribeResult.Unsubscribed u => u.PetitionSlug,
            UnsubscribeResult.NothingToDo n => n.PetitionSlug,
            _ => null,
        };
        if (slug is null || await petitions.FindPublishedAsync(slug, cancellationToken) is not { } page)
            return result;
        var title = page.Snapshot.In(SiteLanguages.Current.Tag).Title;
        return result switch
        {
            UnsubscribeResult.Subscribed s => s with { PetitionTitle = title },
            UnsubscribeResult.Unsubscribed u => u with { PetitionTitle = title },
            UnsubscribeResult.NothingToDo n => n with { PetitionTitle = title },
            _ => result,
        };
    }
}
