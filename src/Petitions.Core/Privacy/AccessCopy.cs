using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Signing;

namespace Petitions.Core.Privacy;

public sealed record AccessCopyText(string Name, string Email, string PetitionSlug, string Text);

// Everything held about one signature, in plain words, for a signer who asks (the right of
// access, UK and EU GDPR Art. 15). If a field is added to Signature, it belongs here too.
public sealed class AccessCopy(PetitionsDbContext db, IPublicLinks links, IOptions<PrivacyOptions> options)
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

        var text = new StringBuilder();
        void Line(string label, string? value) => text.Append(label).Append(": ").AppendLine(string.IsNullOrEmpty(value) ? "(none)" : value);
        Line("Petition", $"{found.Title}, to {found.RecipientName}");
        Line("Petition page", links.Petition(found.Slug));
        Line("Version of the petition text you signed", s.PetitionVersion.ToString(CultureInfo.InvariantCulture));
        Line("Name", s.Name);
        Line("Email address", s.Email);
        Line("Country", $"{Countries.NameOf(s.Country.Trim())} ({s.Country.Trim()})");
        Line("City or postcode", s.City);
        Line("Comment", s.Comment);
        Line("Show my name on the public list of signers", YesNo(s.ShowNamePublicly));
        Line("Email me updates about this petition", YesNo(s.WantsUpdates));
        Line("Leave my name out of the delivered list", YesNo(s.WithholdNameFromDelivery));
        Line("Consent", s.ConsentVersion == ConsentWording.Paper
            ? "given on a paper form"
            : $"wording version {s.ConsentVersion ?? "(not recorded)"}, given {When(s.ConsentedAt)}");
        Line("Signed", When(s.SignedAt));
        Line("Confirmed", When(s.ConfirmedAt));
        Line("How you signed", s.Source == SignatureSource.Paper ? "on paper, typed in by the organisers" : "online");
        Line("Status", s.Status switch
        {
            SignatureStatus.Pending => "waiting for you to confirm it by the link in our first email",
            SignatureStatus.Confirmed => "confirmed",
            SignatureStatus.Invalidated => "not counted: removed by a moderator",
            _ => s.Status.ToString(),
        });
        Line("IP address", s.IpAddress is null
            ? "not held"
            : s.IpMinimisedAt is null
                ? $"{s.IpAddress} (held in full for {options.Value.IpAddressDays} days after signing to stop abuse, then shortened to its network)"
                : $"{s.IpAddress} (only the network is still held; the rest of the address was removed)");
        Line("Browser (user agent)", s.UserAgent);
        Line("Emails sent about this signature", s.EmailsSent.ToString(CultureInfo.InvariantCulture));
        return new AccessCopyText(s.Name, email, found.Slug, text.ToString().TrimEnd());
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string When(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.GetCultureInfo("en-GB")) ?? "(not yet)";
}
