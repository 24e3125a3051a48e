using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;
using Petitions.Core.Languages;

namespace Petitions.Core.Email;

// Every email to a signer is written in the language of their signature (Signature.Language), not
// in that of the request that causes it: a receipt is written when someone presses "confirm",
// perhaps on another device in another language, and it is still the signer's receipt.
public sealed class SignatureEmails(IPublicLinks links, IStringLocalizer<CoreText> text)
{
    // Always to an address nobody has confirmed yet, so without the name typed with it: anyone can
    // type anyone's address, and a "name" such as "Your account is suspended, call ..." would
    // otherwise reach a stranger's inbox in the site's own words.
    public EmailContent Confirmation(string? language, string petitionTitle, string token, TimeSpan tokenLifetime, string manageToken)
    {
        using var _ = SiteLanguages.Use(language);
        var link = links.ConfirmSignature(token);
        var days = Math.Max(1, (int)Math.Round(tokenLifetime.TotalDays));
        var body = $"""
            {T("Email.GreetingUnnamed")}

            {T("Email.Confirmation.Thanks", petitionTitle)}

            {T("Email.Confirmation.Instruction")}

            {link}

            {T("Email.Confirmation.Expiry", days)}

            {ManageText(manageToken)}
            """;
        var subject = T("Email.Confirmation.Subject", petitionTitle);
        var html = Html(subject,
            P(H("Email.GreetingUnnamed")) +
            P(H("Email.Confirmation.Thanks", Strong(petitionTitle))) +
            P(H("Email.Confirmation.Instruction")) +
            P(Link(link)) +
            P(H("Email.Confirmation.Expiry", days.ToString(CultureInfo.CurrentCulture))) +
            ManageHtml(manageToken));
        return new EmailContent(subject, body, html);
    }

    public EmailContent AlreadySigned(string? language, string name, string petitionTitle, string petitionSlug, string manageToken)
    {
        using var _ = SiteLanguages.Use(language);
        var link = links.Petition(petitionSlug);
        var body = $"""
            {Greeting(name)}

            {T("Email.AlreadySigned.Attempt", petitionTitle)}

            {T("Email.AlreadySigned.Counted")}

            {T("Email.AlreadySigned.Share")}
            {link}

            {ManageText(manageToken)}
            """;
        var subject = T("Email.AlreadySigned.Subject", petitionTitle);
        var html = Html(subject,
            P(GreetingHtml(name)) +
            P(H("Email.AlreadySigned.Attempt", Strong(petitionTitle))) +
            P(H("Email.AlreadySigned.Counted")) +
            P(H("Email.AlreadySigned.Share") + " " + Link(link)) +
            ManageHtml(manageToken));
        return new EmailContent(subject, body, html);
    }

    // Sent once a signature is confirmed: the supporter's own record of how to find themselves in
    // the list that is delivered.
    public EmailContent Confirmed(string? language, string name, string petitionTitle, string petitionSlug, long number, string receiptCode, string manageToken)
    {
        using var _ = SiteLanguages.Use(language);
        var link = links.Petition(petitionSlug);
        var shownNumber = number.ToString("N0", CultureInfo.CurrentCulture);
        var body = $"""
            {Greeting(name)}

            {T("Email.Confirmed.Counted", petitionTitle)}

            {T("Email.Confirmed.Number", shownNumber)}
            {T("Email.Confirmed.Code", receiptCode)}

            {T("Email.Confirmed.Explain")}

            {T("Email.Confirmed.Share")}
            {link}

            {ManageText(manageToken)}
            """;
        var subject = T("Email.Confirmed.Subject", petitionTitle);
        var html = Html(subject,
            P(GreetingHtml(name)) +
            P(H("Email.Confirmed.Counted", Strong(petitionTitle))) +
            P(H("Email.Confirmed.Number", Strong(shownNumber)) + "<br>" + H("Email.Confirmed.Code", Strong(receiptCode))) +
            P(H("Email.Confirmed.Explain")) +
            P(H("Email.Confirmed.Share") + " " + Link(link)) +
            ManageHtml(manageToken));
        return new EmailContent(subject, body, html);
    }

    // The copy of their data a signer asked for from their signature's page. The text is written
    // by AccessCopy in the same language.
    public EmailContent AccessCopy(string? language, string name, string copy)
    {
        using var _ = SiteLanguages.Use(language);
        var privacy = links.PrivacyNotice();
        var body = $"""
            {Greeting(name)}

            {T("Email.Copy.Intro")}

            {copy}

            {T("Email.Copy.Privacy")} {privacy}
            """;
        var subject = T("Email.Copy.Subject");
        var html = Html(subject,
            P(GreetingHtml(name)) +
            P(H("Email.Copy.Intro")) +
            $"<pre style=\"font-family:monospace;white-space:pre-wrap\">{Enc(copy)}</pre>" +
            P(H("Email.Copy.Privacy") + " " + Link(privacy)));
        return new EmailContent(subject, body, html);
    }

    // Every email to a signer says how to change their mind without an account.
    private string ManageText(string manageToken) => $"""
        {T("Email.Manage.ChangedMind")}
        {links.ManageSignature(manageToken)}

        {T("Email.Manage.Privacy")} {links.PrivacyNotice()}
        """;

    private string ManageHtml(string manageToken) =>
        P(H("Email.Manage.ChangedMind") + " " + Link(links.ManageSignature(manageToken))) +
        P(H("Email.Manage.Privacy") + " " + Link(links.PrivacyNotice()));

    // An empty name (Signature.NameToEmail, for an address not yet confirmed) greets no one by name.
    private string Greeting(string name) => name.Length == 0 ? T("Email.GreetingUnnamed") : T("Email.Greeting", name);

    private string GreetingHtml(string name) => name.Length == 0 ? H("Email.GreetingUnnamed") : H("Email.Greeting", Enc(name));

    private string T(string key, params object[] arguments) => text[key, arguments];

    // The translated sentence made safe for HTML, with arguments that are HTML already.
    private string H(string key, params string[] htmlArguments) =>
        string.Format(CultureInfo.CurrentCulture, Enc(text[key].Value), htmlArguments);

    private static string P(string html) => $"<p>{html}</p>";

    private static string Strong(string value) => $"<strong>{Enc(value)}</strong>";

    private static string Link(string url) => $"<a href=\"{Enc(url)}\">{Enc(url)}</a>";

    private static string Enc(string value) => WebUtility.HtmlEncode(value);

    // Composed inside the signer's language scope, so the document says its language and direction.
    // The subject is its title: what a mail program or a browser shows for a message opened alone.
    private static string Html(string subject, string body) =>
        $"<!DOCTYPE html><html lang=\"{SiteLanguages.Current.Tag}\" dir=\"{(SiteLanguages.Current.RightToLeft ? "rtl" : "ltr")}\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head>" +
        "<body style=\"font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">" + body + "</body></html>";
}
