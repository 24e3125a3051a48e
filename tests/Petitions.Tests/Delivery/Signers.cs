using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Delivery;

public enum SignerState
{
    Confirmed,
    Pending,
    Flagged,
    Invalidated,
}

// One signer as a test wants them: Signer.Named("김철수").From("KR").In("서울").Withheld().
public sealed record Signer(string Name)
{
    public string Country { get; init; } = "GB";
    public string? City { get; init; }
    public bool WithholdName { get; init; }
    public SignerState State { get; init; } = SignerState.Confirmed;
    public bool OnPaper { get; init; }
    public int? Version { get; init; }
    public string Language { get; init; } = "en";

    public static Signer Named(string name) => new(name);
    public Signer From(string country) => this with { Country = country };
    public Signer In(string city) => this with { City = city };
    public Signer Withheld() => this with { WithholdName = true };
    public Signer Pending() => this with { State = SignerState.Pending };
    public Signer Flagged() => this with { State = SignerState.Flagged };
    public Signer Invalidated() => this with { State = SignerState.Invalidated };
    public Signer Paper() => this with { OnPaper = true };
    public Signer OnVersion(int version) => this with { Version = version };
    public Signer ReadIn(string language) => this with { Language = language };
}

public static class Signers
{
    // Adds the signers to the petition in the order given, one second apart, as if they signed
    // in that order, and reconciles the count.
    public static async Task AddAsync(PetitionsApp app, string slug, IEnumerable<Signer> signers)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var petition = await db.Petitions.AsNoTracking().SingleAsync(p => p.Slug == slug);
        var start = DateTimeOffset.UtcNow.AddDays(-5);
        var invalidated = new List<Signature>();
        var i = await db.Signatures.CountAsync(s => s.PetitionId == petition.Id);
        foreach (var signer in signers)
        {
            i++;
            var at = start.AddSeconds(i);
            var email = $"signer{i}-{Guid.NewGuid():N}@example.org";
            Signature signature;
            if (signer.OnPaper)
            {
                signature = Signature.FromPaper(petition.Id, signer.Version ?? petition.CurrentVersion,
                    new PaperSignature(signer.Name, null, signer.Country, signer.City, DateOnly.FromDateTime(at.UtcDateTime)), null, at);
            }
            else
            {
                signature = Signature.Pending(petition.Id, signer.Version ?? petition.CurrentVersion, new SignRequest
                {
                    Name = signer.Name, Email = email, Country = signer.Country, City = signer.City, Consent = true,
                    WithholdNameFromDelivery = signer.WithholdName, Language = signer.Language,
                }, email, at);
                if (signer.State != SignerState.Pending)
                    db.MarkConfirmed(signature, at.AddMinutes(1));
            }
            if (signer.State == SignerState.Flagged)
                signature.Flag("too many from one address", at);
            if (signer.State == SignerState.Invalidated)
                invalidated.Add(signature);
            db.Signatures.Add(signature);
            // One at a time, so ids follow the order given.
            await db.SaveChangesAsync();
        }
        foreach (var signature in invalidated)
            await db.Database.ExecuteSqlAsync($"UPDATE signatures SET status = 'Invalidated', invalidated_at = now() WHERE id = {signature.Id}");
        await scope.ServiceProvider.GetRequiredService<SignatureCounter>().ReconcileAsync(petition.Id, CancellationToken.None);
    }

    public static Task AddAsync(PetitionsApp app, string slug, params Signer[] signers) => AddAsync(app, slug, signers.AsEnumerable());

    // Plain Latin names, numbered from the given start.
    public static IEnumerable<Signer> Many(int count, int from = 1) =>
        Enumerable.Range(from, count).Select(n => Signer.Named($"Signer {n}"));
}
