using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Signing;

namespace Petitions.Core.Delivery;

// The delivered list, read from PostgreSQL in order and handed on one signer at a time. Rows are
// not tracked and not buffered: Npgsql reads them off the connection as the caller asks for
// them, so memory does not grow with the number of signatures. Callers that read the list more
// than once (the hash, then the PDF) run in one REPEATABLE READ transaction so every pass sees
// the same signatures.
public sealed class SignerListQuery(PetitionsDbContext db, ReceiptKeys receiptKeys)
{
    public async IAsyncEnumerable<DeliveredSigner> StreamAsync(int petitionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = await receiptKeys.GetAsync(cancellationToken);
        var rows = Counted(petitionId)
            .Select(s => new Row(s.Id, s.WithholdNameFromDelivery ? null : s.Name, s.City, s.Country, s.SignedAt, s.Source, s.PetitionVersion, s.Language))
            .AsAsyncEnumerable();
        long number = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new DeliveredSigner(++number, row.Name, row.City, row.Country.Trim(), row.SignedAt,
                ReceiptCode.For(key, row.Id), row.Source, row.PetitionVersion, row.Language);
        }
    }

    public async IAsyncEnumerable<AuditedSigner> StreamForAuditAsync(int petitionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = await receiptKeys.GetAsync(cancellationToken);
        var rows = Counted(petitionId)
            .Select(s => new AuditRow(s.Id, s.Name, s.WithholdNameFromDelivery, s.City, s.Country, s.SignedAt, s.Source, s.PetitionVersion,
                s.Language, s.Email, s.Status, s.IpAddress, s.ConfirmedAt))
            .AsAsyncEnumerable();
        long number = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var line = new DeliveredSigner(++number, row.Withheld ? null : row.Name, row.City, row.Country.Trim(), row.SignedAt,
                ReceiptCode.For(key, row.Id), row.Source, row.PetitionVersion, row.Language);
            yield return new AuditedSigner(line, row.Id, row.Name, row.Withheld, row.Email, row.Status, row.IpAddress, row.ConfirmedAt);
        }
    }

    // The list's order: when each signer signed, and the id for signatures made in the same instant.
    private IQueryable<Signature> Counted(int petitionId) =>
        db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId)
            .Where(Signature.Counted)
            .OrderBy(s => s.SignedAt).ThenBy(s => s.Id);

    private sealed record Row(long Id, string? Name, string? City, string Country, DateTimeOffset SignedAt, SignatureSource Source, int PetitionVersion,
        string? Language);

    private sealed record AuditRow(long Id, string Name, bool Withheld, string? City, string Country, DateTimeOffset SignedAt,
        SignatureSource Source, int PetitionVersion, string? Language, string? Email, SignatureStatus Status, IPAddress? IpAddress, DateTimeOffset? ConfirmedAt);
}
