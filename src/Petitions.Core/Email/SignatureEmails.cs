using System.Net;

namespace Petitions.Core.Email;

public sealed class SignatureEmails(IPublicLinks links)
{
    public EmailContent Confirmation(string name, string petitionTitle, string token, TimeSpan tokenLifetime, string manageToken)
    {
        var link = links.ConfirmSignature(token);
        var days = Math.Max(1, (int)Math.Round(tokenLifetime.TotalDays));
        var text = $"""
            Dear {name},

            Thank you for signing "{petitionTitle}".

            Your signature only counts once you confirm it. Open this link and press "Confirm my signature":

            {link}

            The link works for {days} days. If you did not sign this petition, ignore this email: nothing will be counted.

            {ManageText(manageToken)}
            """;
        var html = Html(
            $"<p>Dear {Enc(name)},</p>" +
            $"<p>Thank you for signing <strong>{Enc(petitionTitle)}</strong>.</p>" +
            "<p>Your signature only counts once you confirm it. Open this link and press “Confirm my signature”:</p>" +
            $"<p><a href=\"{Enc(link)}\">{Enc(link)}</a></p>" +
            $"<p>The link works for {days} days. If you did not sign this petition, ignore this email: nothing will be counted.</p>" +
            ManageHtml(manageToken));
        return new EmailContent($"Please confirm your signature: {petitionTitle}", text, html);
    }

    public EmailContent AlreadySigned(string name, string petitionTitle, string petitionSlug, string manageToken)
    {
        var link = links.Petition(petitionSlug);
        var text = $"""
            Dear {name},

            Someone, probably you, tried to sign "{petitionTitle}" again with this email address.

            Your signature is already confirmed and counted. There is nothing more to do.

            You can see the petition and share it here:
            {link}

            {ManageText(manageToken)}
            """;
        var html = Html(
            $"<p>Dear {Enc(name)},</p>" +
            $"<p>Someone, probably you, tried to sign <strong>{Enc(petitionTitle)}</strong> again with this email address.</p>" +
            "<p>Your signature is already confirmed and counted. There is nothing more to do.</p>" +
            $"<p>You can see the petition and share it here: <a href=\"{Enc(link)}\">{Enc(link)}</a></p>" +
            ManageHtml(manageToken));
        return new EmailContent($"You have already signed: {petitionTitle}", text, html);
    }

    // Sent once a signature is confirmed: the supporter's own record of how to find themselves in
    // the list that is delivered.
    public EmailContent Confirmed(string name, string petitionTitle, string petitionSlug, long number, string receiptCode, string manageToken)
    {
        var link = links.Petition(petitionSlug);
        var text = $"""
            Dear {name},

            Your signature on "{petitionTitle}" is confirmed and counted. Thank you.

            Your signature number: {number:N0}
            Your receipt code: {receiptCode}

            When the petition is delivered, the list of signers will show this receipt code beside your line. The number is your place in the list today; it can move a little before delivery if earlier signatures are confirmed or removed.

            Please share the petition:
            {link}

            {ManageText(manageToken)}
            """;
        var html = Html(
            $"<p>Dear {Enc(name)},</p>" +
            $"<p>Your signature on <strong>{Enc(petitionTitle)}</strong> is confirmed and counted. Thank you.</p>" +
            $"<p>Your signature number: <strong>{number:N0}</strong><br>Your receipt code: <strong>{Enc(receiptCode)}</strong></p>" +
            "<p>When the petition is delivered, the list of signers will show this receipt code beside your line. " +
            "The number is your place in the list today; it can move a little before delivery if earlier signatures are confirmed or removed.</p>" +
            $"<p>Please share the petition: <a href=\"{Enc(link)}\">{Enc(link)}</a></p>" +
            ManageHtml(manageToken));
        return new EmailContent($"Your signature is confirmed: {petitionTitle}", text, html);
    }

    // The copy of their data a signer asked for from their signature's page. Plain text only: it
    // is a record to keep, and nothing in it needs a link.
    public EmailContent AccessCopy(string name, string text)
    {
        var body = $"""
            Dear {name},

            You asked for a copy of what we hold about your signature. Here it is.

            {text}

            How we use this data, how long we keep it and your rights: {links.PrivacyNotice()}
            """;
        var html = Html(
            $"<p>Dear {Enc(name)},</p>" +
            "<p>You asked for a copy of what we hold about your signature. Here it is.</p>" +
            $"<pre style=\"font-family:monospace;white-space:pre-wrap\">{Enc(text)}</pre>" +
            $"<p>How we use this data, how long we keep it and your rights: <a href=\"{Enc(links.PrivacyNotice())}\">{Enc(links.PrivacyNotice())}</a></p>");
        return new EmailContent("A copy of the data we hold about your signature", body, html);
    }

    // Every email to a signer says how to change their mind without an account.
    private string ManageText(string manageToken) => $"""
        Changed your mind? You can withdraw your signature (until the petition is delivered), stop update emails or ask for a copy of the data we hold about you here:
        {links.ManageSignature(manageToken)}

        How we use your data: {links.PrivacyNotice()}
        """;

    private string ManageHtml(string manageToken)
    {
        var manage = links.ManageSignature(manageToken);
        var privacy = links.PrivacyNotice();
        return "<p>Changed your mind? You can withdraw your signature (until the petition is delivered), stop update emails " +
            $"or ask for a copy of the data we hold about you here: <a href=\"{Enc(manage)}\">{Enc(manage)}</a></p>" +
            $"<p>How we use your data: <a href=\"{Enc(privacy)}\">{Enc(privacy)}</a></p>";
    }

    private static string Enc(string value) => WebUtility.HtmlEncode(value);

    private static string Html(string body) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>" +
        "<body style=\"font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">" + body + "</body></html>";
}
