using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Languages;
using Petitions.Core.Signing;

namespace Petitions.Core.Privacy;

public sealed record AccessCopyText(string Name, string Email, string PetitionSlug, string? Language, string Text);

// Everything held about one signature, in plain words, for a signer who asks (the right of
// access, UK and EU GDPR Art. 15). If a field is added to Signature, it belongs here too. Written
// in the signature's language, like every email to its signer.
public sealed class AccessCopy(PetitionsDbContext db, IPublicLinks links, IOptions<PrivacyOptions> options, IStringLocalizer<CoreText> l,
    IStringLocalizer<ConsentHistoryText> history)
{
    public async Task<AccessCopyText?> ForAsync(long signatureId, CancellationToken cancellationToken)
    {
        var found = await (
            from row in db.Signatures
            where row.Id == signatureId
            join p in db.Petitions on row.PetitionId equals p.Id
            select new { Signature = row, p.Slug, p.Title, p.RecipientName })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        if (found is not { Signature.Email: { } email } || found.Signature.Status == SignatureStatus.Withdrawn)
            return null;
        var s = found.Signature;
        var consentEvents = await db.ConsentEvents.AsNoTracking().Where(e => e.SignatureId == signatureId)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);

        using var _ = SiteLanguages.Use(s.Language);
        var text = new StringBuilder();
        void Line(string label, string? value) => text.Append(l[label]).Append(": ").AppendLine(string.IsNullOrEmpty(value) ? l["Copy.None"] : value);
        Line("Copy.Petition", l["Copy.PetitionTo", found.Title, found.RecipientName]);
        Line("Copy.PetitionPage", links.Petition(found.Slug));
        Line("Copy.Version", s.PetitionVersion.ToString(CultureInfo.InvariantCulture));
        Line("Copy.Name", s.Name);
        Line("Copy.Email", s.Email);
        Line("Copy.Country", $"{Countries.NameOf(s.Country.Trim(), CultureInfo.CurrentUICulture)} ({s.Country.Trim()})");
        Line("Copy.City", s.City);
        Line("Copy.Comment", s.Comment);
        Line("Copy.ShowName", YesNo(s.ShowNamePublicly));
        Line("Copy.Updates", YesNo(s.WantsUpdates));
        Line("Copy.Withhold", YesNo(s.WithholdNameFromDelivery));
        Line("Copy.Language", SiteLanguages.Find(s.Language) is { } language ? $"{language.NativeName} ({language.Tag})" : null);
        Line("Copy.Consent", s.ConsentVersion == ConsentWording.Paper
            ? l["Copy.ConsentPaper"]
            : l["Copy.ConsentOnline", s.ConsentVersion ?? l["Copy.NotRecorded"], When(s.ConsentedAt)]);
        Line("Copy.Signed", When(s.SignedAt));
        Line("Copy.Confirmed", When(s.ConfirmedAt));
        Line("Copy.HowSigned", s.Source == SignatureSource.Paper ? l["Copy.OnPaper"] : l["Copy.Online"]);
        Line("Copy.Status", s.Status switch
        {
            SignatureStatus.Pending => l["Copy.StatusPending"],
            SignatureStatus.Confirmed => l["Copy.StatusConfirmed"],
            SignatureStatus.Invalidated => l["Copy.StatusInvalidated"],
            _ => s.Status.ToString(),
        });
        Line("Copy.Ip", s.IpAddress is null
            ? l["Copy.IpNotHeld"]
            : s.IpMinimisedAt is null
                ? l["Copy.IpFull", s.IpAddress, options.Value.IpAddressDays]
                : l["Copy.IpMinimised", s.IpAddress]);
        Line("Copy.UserAgent", s.UserAgent);
        Line("Copy.EmailsSent", s.EmailsSent.ToString(CultureInfo.InvariantCulture));
        text.Append(history["History.Title"]).Append(": ");
        if (consentEvents.Count == 0)
            text.AppendLine(history["History.None"]);
        else
        {
            text.AppendLine();
            foreach (var consent in consentEvents)
                text.Append("- ").AppendLine(history["History.Unsubscribed", When(consent.At), history[SourceKey(consent.Source)]]);
        }
        return new AccessCopyText(s.Name, email, found.Slug, s.Language, text.ToString().TrimEnd());
    }

    private static string SourceKey(ConsentEventSource source) => source switch
    {
        ConsentEventSource.OneClick => "History.OneClick",
        ConsentEventSource.EmailLink => "History.EmailLink",
        _ => "History.ManagePage",
    };

    private string YesNo(bool value) => value ? l["Copy.Yes"] : l["Copy.No"];

    private string When(DateTimeOffset? at) =>
        at is { } time ? SiteLanguages.Current.DateAndTime(time) + " UTC" : l["Copy.NotYet"];
}
