using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Petitions;
using Petitions.Core.Signing;

namespace Petitions.Tests.Infrastructure;

// Test data with named states: A.Petition().Open().WithConfirmedSignatures(3).
public static class A
{
    public static PetitionBuilder Petition() => new();
}

public sealed class PetitionBuilder
{
    private static int _sequence;
    private bool _publish = true;
    private bool _close;
    private DateTimeOffset? _closesAt = DateTimeOffset.UtcNow.AddDays(30);
    private int _confirmed;
    private int _target = 1000;
    private string _title = "Save the river";

    public PetitionBuilder Open() { _publish = true; _close = false; return this; }
    public PetitionBuilder Closed() { _publish = true; _close = true; return this; }
    public PetitionBuilder Draft() { _publish = false; return this; }
    public PetitionBuilder PastDeadline() { _closesAt = DateTimeOffset.UtcNow.AddMinutes(-1); return this; }
    public PetitionBuilder WithoutDeadline() { _closesAt = null; return this; }
    public PetitionBuilder WithTarget(int target) { _target = target; return this; }
    public PetitionBuilder Titled(string title) { _title = title; return this; }
    public PetitionBuilder WithConfirmedSignatures(int count) { _confirmed = count; return this; }

    public async Task<string> BuildAsync(PetitionsApp app)
    {
        var slug = $"petition-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var text = new PetitionText(_title, "Stop the dumping.", "The river is dying.\n\nWe ask the minister to act.",
            ["Stop the dumping", "Clean the river"]);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        // Published before its deadline moves into the past, as happens in life.
        var settings = new PetitionSettings(slug, "The Minister for Rivers", "1 River Street\nLondon", _target, _closesAt > now ? _closesAt : null);
        var petition = Core.Petitions.Petition.Draft(text, settings, now.AddDays(-10));
        if (_publish)
            petition.Publish(now.AddDays(-10));
        if (_close)
            petition.Close(now);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        if (_closesAt <= now)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE petitions SET closes_at = {_closesAt} WHERE id = {petition.Id}");
        }

        for (var i = 0; i < _confirmed; i++)
        {
            var signature = Signature.Pending(petition.Id, petition.CurrentVersion, new SignRequest
            {
                Name = $"Signer {i}", Email = $"signer{i}@{slug}.example.org", Country = "GB", Consent = true,
            }, $"signer{i}@{slug}.example.org", now);
            signature.Confirm(now);
            db.Signatures.Add(signature);
        }
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<SignatureCounter>().ReconcileAsync(petition.Id, CancellationToken.None);
        return slug;
    }
}
