using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages;

public abstract class FormPageModel : PageModel
{
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

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
