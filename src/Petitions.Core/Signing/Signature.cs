using System.Linq.Expressions;
using System.Net;
using Petitions.Core.Privacy;

namespace Petitions.Core.Signing;

public sealed class Signature
{
    private Signature() { }

    public long Id { get; private set; }
    public int PetitionId { get; private set; }
    public string Name { get; private set; } = "";
    // Paper signatures may have no email.
    public string? Email { get; private set; }
    public string? NormalizedEmail { get; private set; }

    // Computed by the database from the normalised email, for moderators' domain filters.
    public string? EmailDomain { get; private set; }
    public string Country { get; private set; } = "";
    public string? City { get; private set; }
    public string? Comment { get; private set; }
    public bool ShowNamePublicly { get; private set; }
    public bool WantsUpdates { get; private set; }

    // Still counted and numbered in the delivered list, but listed without a name.
    public bool WithholdNameFromDelivery { get; private set; }
    public SignatureStatus Status { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public IPAddress? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public SignatureSource Source { get; private set; }
    public int PetitionVersion { get; private set; }

    // Held out of the count until a moderator decides. The signer is never told.
    public DateTimeOffset? FlaggedAt { get; private set; }
    public string? FlagReason { get; private set; }
    public DateTimeOffset? InvalidatedAt { get; private set; }
    public string? InvalidationReason { get; private set; }

    // The one rule for what the public count and the delivered list include: confirmed, and not
    // held for moderation. Written once for EF queries (.Where(Signature.Counted)) and once for raw
    // SQL, which must read the same as the filter of the partial indexes that hold counted rows, or
    // PostgreSQL will not use them. IsCounted is compiled from the expression, so the two agree.
    // Statements take CountedSql through SqlQueryRaw or ExecuteSqlRaw, their values as {0}, {1}:
    // inside SqlQuery's interpolated string it would be sent as a parameter, not as SQL.
    public static readonly Expression<Func<Signature, bool>> Counted =
        s => s.Status == SignatureStatus.Confirmed && s.FlaggedAt == null;

    public const string CountedSql = "status = 'Confirmed' AND flagged_at IS NULL";

    private static readonly Func<Signature, bool> IsCountedRule = Counted.Compile();

    public bool IsCounted => IsCountedRule(this);

    // Every email this signature causes counts here, so that signing again and again with
    // someone else's address cannot turn the petition into a way to flood their inbox.
    public int EmailsSent { get; private set; }

    // Which consent wording the signer agreed to (ConsentWording.Version) and when; paper
    // signatures carry ConsentWording.Paper and no time, as the sheet was signed elsewhere.
    public string? ConsentVersion { get; private set; }
    public DateTimeOffset? ConsentedAt { get; private set; }

    // The language the signer read the petition and the consent wording in (a SiteLanguages tag),
    // and in which every email about this signature is written. Together with ConsentVersion it
    // names the exact words agreed to. Null for paper signatures and for signatures made before
    // the site spoke more than English.
    public string? Language { get; private set; }

    // When the signer withdrew, or retention anonymised the row: either way the personal data is
    // gone and only a tombstone (id, petition, country, dates, status) is left.
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public DateTimeOffset? AnonymisedAt { get; private set; }

    // When the signer asked for no more updates (one-click unsubscribe or the manage page). From
    // then on they get no update and no petition-service notice; the event itself is kept in the
    // consent history (Privacy/ConsentEvent).
    public DateTimeOffset? UnsubscribedAt { get; private set; }

    // When the IP address was cut down to its network (see Privacy/RetentionJob).
    public DateTimeOffset? IpMinimisedAt { get; private set; }

    public List<ConfirmationToken> Tokens { get; private set; } = [];
    public List<ManageToken> ManageTokens { get; private set; } = [];

    public static Signature Pending(int petitionId, int petitionVersion, SignRequest request, string normalizedEmail, DateTimeOffset now)
    {
        return new Signature
        {
            PetitionId = petitionId,
            PetitionVersion = petitionVersion,
            Source = SignatureSource.Online,
            Name = request.Name.Trim(),
            Email = request.Email.Trim(),
            NormalizedEmail = normalizedEmail,
            Country = request.Country.Trim().ToUpperInvariant(),
            City = NullIfBlank(request.City),
            Comment = NullIfBlank(request.Comment),
            ShowNamePublicly = request.ShowNamePublicly,
            WantsUpdates = request.WantsUpdates,
            WithholdNameFromDelivery = request.WithholdNameFromDelivery,
            Status = SignatureStatus.Pending,
            SignedAt = now,
            IpAddress = request.IpAddress,
            UserAgent = Truncate(request.UserAgent, SignatureRules.UserAgentMaxLength),
            // The validator refuses a request without consent, so reaching here means it was given.
            ConsentVersion = ConsentWording.Version,
            ConsentedAt = now,
            Language = Languages.SiteLanguages.Find(request.Language)?.Tag ?? Languages.SiteLanguages.Default,
        };
    }

    // Collected on paper and typed in by staff: already confirmed, with whatever the sheet gave.
    public static Signature FromPaper(int petitionId, int petitionVersion, PaperSignature paper, string? normalizedEmail, DateTimeOffset now) => new()
    {
        PetitionId = petitionId,
        PetitionVersion = petitionVersion,
        Source = SignatureSource.Paper,
        Name = paper.Name.Trim(),
        Email = string.IsNullOrWhiteSpace(paper.Email) ? null : paper.Email.Trim(),
        NormalizedEmail = normalizedEmail,
        Country = paper.Country.Trim().ToUpperInvariant(),
        City = NullIfBlank(paper.City),
        Status = SignatureStatus.Confirmed,
        SignedAt = paper.SignedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        ConfirmedAt = now,
        ConsentVersion = ConsentWording.Paper,
    };

    // The name as an email to this signature's address may show it (greeting and To header): only
    // once the address's owner has confirmed. Until then it is whatever the person who typed the
    // address chose, and it must not reach a stranger's inbox.
    public string NameToEmail => ConfirmedAt is null ? "" : Name;

    public void Flag(string reason, DateTimeOffset now)
    {
        FlaggedAt ??= now;
        FlagReason = FlagReason is null ? reason : $"{FlagReason}; {reason}";
    }

    // Someone signed again with this address. A pending signature gets a fresh confirmation link,
    // a confirmed one a note that it already counts; past the cap, nothing at all.
    public NextEmail RequestEmailAgain(DateTimeOffset now, TimeSpan tokenLifetime)
    {
        if (EmailsSent >= SignatureRules.MaxEmailsPerSignature)
            return new NextEmail.None();
        if (Status == SignatureStatus.Confirmed)
        {
            EmailsSent++;
            return new NextEmail.AlreadySigned();
        }
        return new NextEmail.Confirmation(IssueToken(now, tokenLifetime));
    }

    // The signer asked for a copy of their data from their own page. It counts toward the same
    // cap as every other email the signature causes: the manage link travels in forwarded emails,
    // and the button must not turn into a way to fill the inbox. False past the cap.
    public bool CountEmailForCopy()
    {
        if (EmailsSent >= SignatureRules.MaxEmailsPerSignature)
            return false;
        EmailsSent++;
        return true;
    }

    public string IssueToken(DateTimeOffset now, TimeSpan lifetime)
    {
        var (token, hash) = ConfirmationToken.Generate();
        Tokens.Add(new ConfirmationToken(hash, now, now + lifetime));
        EmailsSent++;
        return token;
    }

    public string IssueManageToken(DateTimeOffset now)
    {
        var (entity, token) = ManageToken.New(now);
        ManageTokens.Add(entity);
        return token;
    }

    // The signer takes their signature back. Called on a row locked FOR UPDATE, so the answer
    // (and whether the count must go down) cannot change under it. The row stays as a tombstone:
    // its id is never reused, so receipt codes and numbers stay unique, and a replayed link finds
    // nothing to act on (the caller deletes its tokens). Clearing the normalised email frees the address to sign again.
    public WithdrawOutcome Withdraw(DateTimeOffset now)
    {
        if (Status == SignatureStatus.Withdrawn)
            return WithdrawOutcome.AlreadyWithdrawn;
        var wasCounted = IsCounted;
        Status = SignatureStatus.Withdrawn;
        WithdrawnAt = now;
        Erase();
        // A flag or an invalidation on a row that no longer exists for anyone would only mislead
        // moderators' queues and bulk changes.
        FlaggedAt = null;
        FlagReason = null;
        InvalidationReason = null;
        return wasCounted ? WithdrawOutcome.WithdrawnFromCount : WithdrawOutcome.Withdrawn;
    }

    // No more updates and no petition-service notices either. Returns false when there was nothing
    // to change: already unsubscribed, or the signer is gone (withdrawn or anonymised: no address
    // is left to write to), so a repeated click records no second consent event.
    public bool UnsubscribeFromUpdates(DateTimeOffset now)
    {
        if (UnsubscribedAt is not null || Status == SignatureStatus.Withdrawn || AnonymisedAt is not null)
            return false;
        UnsubscribedAt = now;
        WantsUpdates = false;
        return true;
    }

    // Everything that identifies the signer. Country and dates stay: they are what the totals and
    // the summary by country are made of. Retention does the same in bulk SQL (RetentionJob).
    private void Erase()
    {
        Name = "";
        Email = null;
        NormalizedEmail = null;
        City = null;
        Comment = null;
        IpAddress = null;
        UserAgent = null;
        ShowNamePublicly = false;
        WantsUpdates = false;
    }

    private static string? NullIfBlank(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}

public enum SignatureSource
{
    Online,
    Paper,
}

public enum WithdrawOutcome
{
    Withdrawn,
    WithdrawnFromCount,
    AlreadyWithdrawn,
}

public sealed record PaperSignature(string Name, string? Email, string Country, string? City, DateOnly SignedOn);

public abstract record NextEmail
{
    public sealed record None : NextEmail;
    public sealed record AlreadySigned : NextEmail;
    public sealed record Confirmation(string Token) : NextEmail;
}
