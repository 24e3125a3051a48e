using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Email;
using Petitions.Local.Mail;

namespace Petitions.Web.Pages.Dev;

// The inbox of the in-process SMTP server, for trying the app without a mail server. It exists
// only in Development and only while mail is captured: it shows everyone's confirmation links.
public sealed class MailModel(IWebHostEnvironment environment, IServiceProvider services) : PageModel
{
    public IReadOnlyList<CapturedMail> Messages { get; private set; } = [];
    public CapturedMail? Selected { get; private set; }

    public IActionResult OnGet(int? id)
    {
        var catcher = services.GetService<MailCatcher>();
        if (!environment.IsDevelopment() || catcher is null)
            return NotFound();
        Messages = catcher.Messages.Reverse().ToArray();
        if (id is { } value)
        {
            Selected = catcher.Find(value);
            if (Selected is null)
                return NotFound();
        }
        return Page();
    }
}
