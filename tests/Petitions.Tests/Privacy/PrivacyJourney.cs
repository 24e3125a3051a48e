using System.Text.RegularExpressions;
using Petitions.Core.Email;
using Petitions.Core.Staff;
using Petitions.Local.Mail;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Privacy;

// A supporter who signs, confirms and later comes back through the link in their emails.
public static partial class PrivacyJourney
{
    public static readonly Dictionary<string, string?> NoFields = [];

    public static string ManageLink(CapturedMail message) =>
        ManageLinkPattern().Match(message.Text) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No link to manage the signature in:\n{message.Text}");

    // Signs through the form and confirms through the emailed link; returns the manage link from
    // the receipt email.
    public static async Task<string> SignAndConfirmAsync(PetitionsApp app, string slug, string email, Dictionary<string, string?>? form = null)
    {
        using var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), form ?? SignForm.Valid(email));
        var confirmation = await app.Inbox.WaitForAsync(email, "Please confirm");
        await browser.SubmitAsync(await browser.GetAsync(Inbox.ConfirmationLink(confirmation)), NoFields);
        return ManageLink(await app.Inbox.WaitForAsync(email, "Your signature is confirmed"));
    }

    public static async Task<string> CountAsync(Browser browser, string slug) =>
        (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong");

    public static Task MarkDeliveredAsync(PetitionsApp app, string slug, DateOnly on) => Deliveries.RecordAsync(app, slug, on);

    [GeneratedRegex(@"https?://\S+/signatures/manage/[A-Za-z0-9_-]+")]
    private static partial Regex ManageLinkPattern();
}
