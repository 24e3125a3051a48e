using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages;

public abstract class FormPageModel : PageModel
{
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    // The services check every field themselves and say what is wrong in the user's words. The
    // binder's own complaints ("The value 'maybe' is not valid for Consent.") would otherwise sit
    // at the field in its place, with no line in the error summary; the unbindable value arrives
    // as empty and gets the service's message instead.
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => ModelState.Clear();

    // In the order the service reported them, which follows the form, for the error summary.
    public List<(string Key, string Message)> Errors { get; } = [];

    // Service errors name the request's property; a form's fields usually sit under "Input.".
    protected void AddErrors(IEnumerable<FieldError> errors, string prefix = "Input.")
    {
        foreach (var error in errors)
            AddError(error.Field.Length == 0 ? "" : prefix + error.Field, error.Message);
    }

    protected void AddError(string key, string message)
    {
        ModelState.AddModelError(key, message);
        Errors.Add((key, message));
    }
}
