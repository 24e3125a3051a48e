using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Petitions.Core.Data;
using Petitions.Core.Data.Configurations;
using Petitions.Core.Email;
using Petitions.Core.Moderation;
using Petitions.Core.Petitions;

namespace Petitions.Core.Signing;

public sealed class SigningService(
    PetitionsDbContext db,
    IValidator<SignRequest> validator,
    SignatureEmails emails,
    Outbox outbox,
    AbuseCheck abuse,
    IOptions<SigningOptions> signingOptions,
    TimeProvider clock)
{
    private readonly TimeSpan _tokenLifetime = signingOptions.Value.TokenLifetime;
    private readonly TimeSpan _minimumAnswerTime = signingOptions.Value.MinimumAnswerTime;

    public async Task<SignResult> SignAsync(SignRequest request, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == request.PetitionSlug, cancellationToken);
        if (petition is null || petition.Status == PetitionStatus.Draft)
            return new SignResult.NotFound();

        var now = clock.GetUtcNow();
        if (!petition.IsOpenForSigning(now))
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
        var signature = Signature.Pending(petition.Id, petition.CurrentVersion, request, normalizedEmail, now);
        var token = signature.IssueToken(now, _tokenLifetime);
        var manageToken = signature.IssueManageToken(now);
        db.Signatures.Add(signature);
        outbox.Add(emails.Confirmation(signature.Name, petition.Title, token, _tokenLifetime, manageToken), signature.Email!, signature.Name);

        try
        {
            // The signature, its token and its email are one transaction: either the supporter
            // is told to check their email and the email is certain to follow, or nothing was kept.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // A flagged signature gets the same page and email and is held out of the count. A
            // duplicate is not judged: the insert fails below and the existing row stays as it was.
            var attempt = new SigningAttempt(petition.Id, request.IpAddress, normalizedEmail, request.HoneypotFilled, request.FormShownAt);
            if (await abuse.FlagReasonAsync(attempt, now, cancellationToken) is { } reason)
                signature.Flag(reason, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: SignatureConfiguration.UniqueEmailPerPetition,
        })
        {
            db.ChangeTracker.Clear();
            var existingId = await db.Signatures
                .Where(s => s.PetitionId == petition.Id && s.NormalizedEmail == normalizedEmail)
                .Select(s => s.Id)
                .SingleAsync(cancellationToken);
            await EmailAgainAsync(existingId, petition, cancellationToken);
        }

        outbox.WakeSender();
        // Only here, where a new and a repeated address take different paths to the same answer.
        // The other answers depend on the petition and the form, not on who has signed.
        var left = _minimumAnswerTime - clock.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
            await Task.Delay(left, clock, cancellationToken);
        return new SignResult.Accepted(petition.Slug);
    }

    // This address has signed this petition before, or its owner asked for a new link. On the
    // signing path the supporter sees the same page as a new signer, and what differs goes only to
    // the inbox of the address's owner. The row lock keeps the email cap exact under races.
    internal async Task EmailAgainAsync(long signatureId, Petition petition, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.Signatures
            .FromSql($"SELECT * FROM signatures WHERE id = {signatureId} FOR UPDATE")
            .SingleAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var content = existing.RequestEmailAgain(now, _tokenLifetime) switch
        {
            NextEmail.Confirmation c => emails.Confirmation(existing.Name, petition.Title, c.Token, _tokenLifetime, existing.IssueManageToken(now)),
            NextEmail.AlreadySigned => emails.AlreadySigned(existing.Name, petition.Title, petition.Slug, existing.IssueManageToken(now)),
            _ => null,
        };
        if (content is not null)
        {
            outbox.Add(content, existing.Email!, existing.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        outbox.WakeSender();
    }
}
