using System.Net.Mail;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Petitions.Core.Email;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;
using Petitions.Web.Hosting;

namespace Petitions.Web.Pages;

public sealed class PrivacyModel(
    PetitionQueries petitions,
    IOptions<PrivacyOptions> privacy,
    IOptions<AppOptions> app,
    IOptions<SmtpOptions> smtp,
    IOptions<Core.Signing.SigningOptions> signing,
    Microsoft.Extensions.Localization.IStringLocalizer<PageText> text) : PageModel
{
    public string Controller { get; private set; } = "";
    public string ContactEmail { get; private set; } = "";
    public PrivacyOptions Options => privacy.Value;
    public int ConfirmationDays => Math.Max(1, (int)Math.Round(signing.Value.TokenLifetime.TotalDays));

    // Set when the notice is opened from a petition's sign form, so it can name who receives the list.
    public string? RecipientName { get; private set; }

    public async Task OnGetAsync(string? petition, CancellationToken cancellationToken)
    {
        Controller = string.IsNullOrWhiteSpace(privacy.Value.Controller) ? text["Privacy.DefaultController", app.Value.Name] : privacy.Value.Controller.Trim();
        ContactEmail = string.IsNullOrWhiteSpace(privacy.Value.ContactEmail) ? SenderAddress(smtp.Value.From) : privacy.Value.ContactEmail.Trim();
        if (!string.IsNullOrWhiteSpace(petition) && petition.Length <= PetitionRules.SlugMaxLength)
            RecipientName = (await petitions.FindPublishedAsync(petition, cancellationToken))?.Snapshot.RecipientName;
    }

    // Without a contact of its own, the notice gives the address the site's emails come from.
    private static string SenderAddress(string from) =>
        MailAddress.TryCreate(from, out var address) ? address.Address : from;
}
