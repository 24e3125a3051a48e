using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Petitions.Core.Abuse;
using Petitions.Core.Data;
using Petitions.Core.Data.Configurations;
using Petitions.Core.Email;
using Petitions.Core.Publishing;
using Petitions.Core.Text;

namespace Petitions.Core.Signing;

public sealed class SigningService(
    PetitionsDbContext db,
    IValidator<SignRequest> validator,
    SignatureEmails emails,
    Outbox outbox,
    AbuseCheck abuse,
    PetitionSnapshots snapshots,
    IOptions<SigningOptions> signingOptions,
    TimeProvider clock)
{
    private readonly TimeSpan _tokenLifetime = signingOptions.Value.TokenLifetime;

    public async Task<SignResult> SignAsync(SignRequest request, CancellationToken cancellationToken)
    {
        // The petition as its page showed it, at most a second old (see PetitionSnapshots): a
        // petition closed through this instance refuses the very next signature, one closed
        // through another within the second. Drafts are not found.
        var petition = await snapshots.FindAsync(request.PetitionSlug, cancellationToken);
        if (petition is null)
            return new SignResult.NotFound();

        var now = clock.GetUtcNow();
        if (!Petition.IsOpenForSigning(petition.Status, petition.ClosesAt, now))
            return new SignResult.Closed(petition.Slug);

        // Fields the petition hides are dropped, not validated: the form did not show them.
        request = request with
        {
            City = petition.CityField == FieldMode.Hidden ? null : request.City,
            Comment = petition.CommentField == FieldMode.Hidden ? null : request.Comment,
        };
        var context = new ValidationContext<SignRequest>(request);
        context.RootContextData[SignRequestValidator.FieldModesKey] = new Dictionary<string, FieldMode>
        {
            [nameof(SignRequest.City)] = petition.CityField,
            [nameof(SignRequest.Comment)] = petition.CommentField,
        };
        var validation = await validator.ValidateAsync(context, cancellationToken);
        if (!validation.IsValid)
            return new SignResult.Invalid(validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

        var normalizedEmail = EmailAddresses.Normalize(request.Email);
        var attempt = new SigningAttempt(petition.Id, request.IpAddress, normalizedEmail, request.HoneypotFilled, request.FormShownAt);
        var controls = await abuse.ControlsAsync(cancellationToken);
        for (var tries = 1; ; tries++)
        {
            try
            {
                await SignOnceAsync(petition, request, normalizedEmail, attempt, controls, now, cancellationToken);
                break;
            }
            catch (DbUpdateException ex) when (tries == 1 && ex.InnerException is PostgresException
            {
                SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: SignatureConfiguration.UniqueEmailPerPetition,
            })
            {
                // An identical request inserted first, between our look-up and our insert. The
                // unique index decided; the second time round the look-up finds its row.
                db.ChangeTracker.Clear();
            }
        }

        outbox.WakeSender();
        return new SignResult.Accepted(petition.Slug);
    }

    // A new and a repeated address take the same steps in one transaction, so the time the answer
    // takes does not tell anyone timing the form whether an address has signed: look the address
    // up, run the abuse rules, write one signature row and one email, commit. Only the email's
    // content differs, and only its recipient sees it.
    private async Task SignOnceAsync(PetitionSnapshot petition, SignRequest request, string normalizedEmail, SigningAttempt attempt,
        AbuseControls controls, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The signature, its token and its email are one transaction: either the supporter is
        // told to check their email and the email is certain to follow, or nothing was kept.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The row lock keeps the email cap exact when the same address signs twice at once.
        var existing = await db.Signatures
            .FromSql($"SELECT * FROM signatures WHERE petition_id = {petition.Id} AND normalized_email = {normalizedEmail} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        // Judged either way, for the timing; a repeat is never flagged, since the row that counts
        // (or not) is the one already there.
        var flagReason = await abuse.FlagReasonAsync(attempt, controls, now, cancellationToken);

        if (existing is null)
        {
            // A flagged signature gets the same page and email and is held out of the count.
            var signature = Signature.Pending(petition.Id, petition.CurrentVersion, request, normalizedEmail, now);
            if (flagReason is not null)
                signature.Flag(flagReason, now);
            var token = signature.IssueToken(now, _tokenLifetime);
            var manageToken = signature.IssueManageToken(now);
            db.Signatures.Add(signature);
            outbox.Add(emails.Confirmation(signature.Language, petition.In(signature.Language).Title, token, _tokenLifetime, manageToken),
                signature.Email!, signature.NameToEmail);
        }
        else if (NextEmailFor(emails, existing, petition, _tokenLifetime, now) is { } content)
        {
            outbox.Add(content, existing.Email!, existing.NameToEmail);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // A pending signature gets a fresh confirmation link, a confirmed one a note that it already
    // counts; past the cap on emails per signature, nothing. In the language the signature was
    // made in, whatever language the repeat came in: the email goes to the address on the first.
    // A new link asked for from an expired one's page (ConfirmationService) is the same email.
    internal static EmailContent? NextEmailFor(SignatureEmails emails, Signature existing, PetitionSnapshot petition, TimeSpan tokenLifetime,
        DateTimeOffset now) =>
        existing.RequestEmailAgain(now, tokenLifetime) switch
        {
            NextEmail.Confirmation c => emails.Confirmation(existing.Language, petition.In(existing.Language).Title, c.Token,
                tokenLifetime, existing.IssueManageToken(now)),
            NextEmail.AlreadySigned => emails.AlreadySigned(existing.Language, existing.NameToEmail, petition.In(existing.Language).Title, petition.Slug,
                existing.IssueManageToken(now)),
            _ => null,
        };
}
