using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Privacy;
using Petitions.Core.Signing;

namespace Petitions.Core.Updates;

public abstract record UnsubscribeResult
{
    // The link is good and the signer still gets email about the petition: the page offers the button.
    public sealed record Subscribed(string PetitionSlug, string PetitionTitle) : UnsubscribeResult;
    public sealed record Unsubscribed(string PetitionSlug, string PetitionTitle) : UnsubscribeResult;

    // Already unsubscribed, withdrawn or anonymised: there is nothing left to stop.
    public sealed record NothingToDo(string PetitionSlug, string PetitionTitle) : UnsubscribeResult;
    public sealed record Unknown : UnsubscribeResult;
}

// A signer saying "no more email about this petition", from the unsubscribe link in an update
// (RFC 8058 one-click or the page behind it) or from their manage page. It needs no sign-in: the
// token is a MAC over the signature id (UnsubscribeTokens), so holding it proves the email was seen.
public sealed class Unsubscribing(PetitionsDbContext db, UnsubscribeTokens tokens, TimeProvider clock)
{
    // Changes nothing: mail scanners open links, so only a POST unsubscribes.
    public async Task<UnsubscribeResult> InspectAsync(string? token, CancellationToken cancellationToken)
    {
        if (await tokens.VerifyAsync(token, cancellationToken) is not { } signatureId)
            return new UnsubscribeResult.Unknown();
        var found = await (
            from s in db.Signatures
            where s.Id == signatureId
            join p in db.Petitions on s.PetitionId equals p.Id
            select new { p.Slug, p.Title, Gone = s.UnsubscribedAt != null || s.Status == SignatureStatus.Withdrawn || s.AnonymisedAt != null })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        return found switch
        {
            null => new UnsubscribeResult.Unknown(),
            { Gone: true } => new UnsubscribeResult.NothingToDo(found.Slug, found.Title),
            _ => new UnsubscribeResult.Subscribed(found.Slug, found.Title),
        };
    }

    public async Task<UnsubscribeResult> UnsubscribeAsync(string? token, ConsentEventSource source, CancellationToken cancellationToken) =>
        await tokens.VerifyAsync(token, cancellationToken) is { } signatureId
            ? await UnsubscribeAsync(signatureId, source, cancellationToken)
            : new UnsubscribeResult.Unknown();

    // For a caller that has already proved who the signer is (the manage page's own token).
    public async Task<UnsubscribeResult> UnsubscribeAsync(long signatureId, ConsentEventSource source, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The row lock makes a repeat (a mail provider retrying the one-click POST while the signer
        // presses the button) wait here and then find nothing to change, so the consent history
        // holds one event, not two.
        var signature = await db.Signatures
            .FromSql($"SELECT * FROM signatures WHERE id = {signatureId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (signature is null)
            return new UnsubscribeResult.Unknown();
        var petition = await db.Petitions.AsNoTracking().Where(p => p.Id == signature.PetitionId)
            .Select(p => new { p.Slug, p.Title }).SingleAsync(cancellationToken);

        var now = clock.GetUtcNow();
        if (!signature.UnsubscribeFromUpdates(now))
            return new UnsubscribeResult.NothingToDo(petition.Slug, petition.Title);
        db.ConsentEvents.Add(new ConsentEvent(signature.Id, ConsentEventKind.UpdatesUnsubscribed, source, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UnsubscribeResult.Unsubscribed(petition.Slug, petition.Title);
    }
}
