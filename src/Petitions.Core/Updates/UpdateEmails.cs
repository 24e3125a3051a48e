using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;
using Petitions.Core.Email;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;

namespace Petitions.Core.Updates;

// One update as email. The sending job writes thousands a second, so everything that is the same
// for every reader of a language (the Markdown rendered, the translated sentences) is made once
// per language by For, and Write only puts in the reader's name and unsubscribe link.
public sealed class UpdateEmails(IPublicLinks links, IStringLocalizer<UpdateMessages> text, IStringLocalizer<CoreText> core)
{
    public UpdateEmailTemplate For(PetitionUpdate update, string petitionTitle, string petitionSlug, string? language)
    {
        var frame = SiteLanguages.Find(language) ?? SiteLanguages.Find(SiteLanguages.Default)!;
        using var _ = SiteLanguages.Use(frame.Tag);
        var (textLanguage, title, body) = update.TextIn(frame.Tag);
        var written = SiteLanguages.Find(textLanguage)!;
        var why = update.Audience == UpdateAudience.Subscribers ? text["Update.Email.WhySubscribed"] : text["Update.Email.WhyNotice"];
        var petitionLink = links.Petition(petitionSlug);
        var privacy = links.PrivacyNotice();
        // The update may be in the main language inside an email framed in the reader's.
        var textAttributes = written.Tag == frame.Tag ? "" : $" lang=\"{written.Tag}\" dir=\"{(written.RightToLeft ? "rtl" : "ltr")}\"";

        var textBefore = "\n\n" + text["Update.Email.Intro", petitionTitle] + "\n\n" + title + "\n\n" + PetitionMarkdown.ToPlainText(body) +
            "\n\n" + text["Update.Email.ReadOnline"] + "\n" + petitionLink + "\n\n" + why + "\n" + text["Update.Email.Unsubscribe"] + "\n";
        var textAfter = "\n\n" + core["Email.Manage.Privacy"] + " " + privacy + "\n";

        var htmlBefore = "</p>" +
            P(H("Update.Email.Intro", Strong(petitionTitle))) +
            $"<div{textAttributes}><h1 style=\"font-size:22px\">{Enc(title)}</h1>{PetitionMarkdown.ToHtml(body)}</div>" +
            P(Enc(text["Update.Email.ReadOnline"]) + " " + Link(petitionLink)) +
            "<hr style=\"border:0;border-top:1px solid #ccc\">" +
            $"<p style=\"font-size:14px\">{Enc(why)} ";
        var htmlAfter = "</p>" + $"<p style=\"font-size:14px\">{Enc(core["Email.Manage.Privacy"])} {Link(privacy)}</p>";

        var subject = text["Update.Email.Subject", title].Value;
        return new UpdateEmailTemplate(
            frame.Tag,
            subject,
            core["Email.Greeting"].Value,
            textBefore, textAfter,
            Enc(core["Email.Greeting"].Value), htmlBefore, Enc(text["Update.Email.UnsubscribeLink"]), htmlAfter,
            $"<!DOCTYPE html><html lang=\"{frame.Tag}\" dir=\"{(frame.RightToLeft ? "rtl" : "ltr")}\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head>" +
            "<body style=\"font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\"><p>",
            "</body></html>");
    }

    private string H(string key, params string[] htmlArguments) =>
        string.Format(CultureInfo.CurrentCulture, Enc(text[key].Value), htmlArguments);

    private static string P(string html) => $"<p>{html}</p>";

    private static string Strong(string value) => $"<strong>{Enc(value)}</strong>";

    internal static string Link(string url) => $"<a href=\"{Enc(url)}\">{Enc(url)}</a>";

    internal static string Enc(string value) => WebUtility.HtmlEncode(value);
}

// The parts of an update email that are the same for every reader of one language.
public sealed record UpdateEmailTemplate(
    string Language,
    string Subject,
    string Greeting,
    string TextBefore,
    string TextAfter,
    string HtmlGreeting,
    string HtmlBefore,
    string HtmlUnsubscribeWords,
    string HtmlAfter,
    string HtmlStart,
    string HtmlEnd)
{
    public EmailContent Write(string name, string unsubscribeUrl)
    {
        var greeting = string.Format(CultureInfo.InvariantCulture, Greeting, name);
        var htmlGreeting = string.Format(CultureInfo.InvariantCulture, HtmlGreeting, UpdateEmails.Enc(name));
        var text = greeting + TextBefore + unsubscribeUrl + TextAfter;
        var html = HtmlStart + htmlGreeting + HtmlBefore +
            $"<a href=\"{UpdateEmails.Enc(unsubscribeUrl)}\">{HtmlUnsubscribeWords}</a>" + HtmlAfter + HtmlEnd;
        return new EmailContent(Subject, text, html);
    }
}
