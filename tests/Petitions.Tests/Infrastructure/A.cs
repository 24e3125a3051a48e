using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Tests.Infrastructure;

// Test data with named states: A.Petition().Open().WithConfirmedSignatures(3).
public static class A
{
    public static PetitionBuilder Petition() => new();
    public static SignatureBuilder Signature(string name) => new(name);
}

public sealed class PetitionBuilder
{
    private static int _sequence;
    private bool _publish = true;
    private bool _close;
    private TimeSpan? _closesIn = TimeSpan.FromDays(30);
    private int _confirmed;
    private int _target = 1000;
    private string _title = "Save the river";
    private readonly List<SignatureBuilder> _signatures = [];

    public PetitionBuilder Open() { _publish = true; _close = false; return this; }
    public PetitionBuilder Closed() { _publish = true; _close = true; return this; }
    public PetitionBuilder Draft() { _publish = false; return this; }
    public PetitionBuilder PastDeadline() { _closesIn = TimeSpan.FromMinutes(-1); return this; }
    public PetitionBuilder WithoutDeadline() { _closesIn = null; return this; }
    public PetitionBuilder WithTarget(int target) { _target = target; return this; }
    public PetitionBuilder Titled(string title) { _title = title; return this; }
    public PetitionBuilder WithConfirmedSignatures(int count) { _confirmed = count; return this; }
    public PetitionBuilder With(params SignatureBuilder[] signatures) { _signatures.AddRange(signatures); return this; }

    public async Task<string> BuildAsync(PetitionsApp app)
    {
        var slug = $"petition-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}";
        var now = app.Clock.GetUtcNow();
        var closesAt = now + _closesIn;
        var text = new PetitionText(_title, "Stop the dumping.", "The river is dying.\n\nWe ask the minister to act.",
            ["Stop the dumping", "Clean the river"]);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        // Published before its deadline moves into the past, as happens in life.
        var settings = new PetitionSettings(slug, "The Minister for Rivers", "1 River Street\nLondon", _target, closesAt > now ? closesAt : null);
        var petition = Core.Publishing.Petition.Draft(text, settings, now.AddDays(-10));
        if (_publish)
            petition.Publish(now.AddDays(-10));
        if (_close)
            petition.Close(now);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        if (closesAt <= now)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE petitions SET closes_at = {closesAt} WHERE id = {petition.Id}");
        }

        for (var i = 0; i < _confirmed; i++)
        {
            var signature = Signature.Pending(petition.Id, petition.CurrentVersion, new SignRequest
            {
                Name = $"Signer {i}", Email = $"signer{i}@{slug}.example.org", Country = "GB", Consent = true,
            }, $"signer{i}@{slug}.example.org", now);
            db.MarkConfirmed(signature, now);
            db.Signatures.Add(signature);
        }
        await db.SaveChangesAsync();
        foreach (var builder in _signatures)
            await builder.AddToAsync(db, petition, slug);
        await scope.ServiceProvider.GetRequiredService<SignatureCounter>().ReconcileAsync(petition.Id, CancellationToken.None);
        return slug;
    }
}

// One signature in a named state: A.Signature("Ana").From("BR").Pending().Flagged("burst").
public sealed class SignatureBuilder(string name)
{
    private string? _email;
    private bool _noEmail;
    private string _country = "GB";
    private string? _city;
    private IPAddress? _ip;
    private DateTimeOffset _signedAt = DateTimeOffset.UtcNow.AddHours(-1);
    private bool _confirmed = true;
    private bool _paper;
    private string? _flagReason;
    private string? _invalidationReason;
    private bool _showName;
    private bool _withdrawn;

    public SignatureBuilder WithEmail(string email) { _email = email; _noEmail = false; return this; }
    public SignatureBuilder WithoutEmail() { _noEmail = true; return this; }
    public SignatureBuilder From(string country, string? city = null) { _country = country; _city = city; return this; }
    public SignatureBuilder FromIp(string ip) { _ip = IPAddress.Parse(ip); return this; }
    public SignatureBuilder SignedAt(DateTimeOffset at) { _signedAt = at; return this; }
    public SignatureBuilder SignedOn(string date) { _signedAt = DateTimeOffset.Parse(date + "T12:00:00Z"); return this; }
    public SignatureBuilder Pending() { _confirmed = false; return this; }
    public SignatureBuilder OnPaper() { _paper = true; return this; }
    public SignatureBuilder Flagged(string reason = "Five signatures from one address in a minute") { _flagReason = reason; return this; }
    public SignatureBuilder Invalidated(string reason = "Made up name") { _invalidationReason = reason; return this; }
    public SignatureBuilder ShowingNamePublicly() { _showName = true; return this; }
    public SignatureBuilder Withdrawn() { _withdrawn = true; return this; }

    public string Name => name;

    internal async Task AddToAsync(PetitionsDbContext db, Core.Publishing.Petition petition, string slug)
    {
        var email = _noEmail ? null : _email ?? $"{name.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}@{slug}.example.org";
        var normalized = email is null ? null : EmailAddresses.Normalize(email);
        Signature signature;
        if (_paper)
        {
            signature = Signature.FromPaper(petition.Id, petition.CurrentVersion,
                new PaperSignature(name, email, _country, _city, DateOnly.FromDateTime(_signedAt.UtcDateTime)), normalized, _signedAt);
        }
        else
        {
            signature = Signature.Pending(petition.Id, petition.CurrentVersion, new SignRequest
            {
                Name = name, Email = email!, Country = _country, City = _city, Consent = true, IpAddress = _ip, UserAgent = "Test browser/1.0",
                ShowNamePublicly = _showName,
            }, normalized!, _signedAt);
            if (_confirmed)
                db.MarkConfirmed(signature, _signedAt.AddMinutes(5));
            if (_withdrawn)
                signature.Withdraw(_signedAt.AddMinutes(10));
        }
        if (_flagReason is not null)
            signature.Flag(_flagReason, _signedAt);
        db.Signatures.Add(signature);
        await db.SaveChangesAsync();
        if (_invalidationReason is not null)
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE signatures SET status = 'Invalidated', invalidated_at = {_signedAt.AddDays(1)}, invalidation_reason = {_invalidationReason}
                WHERE id = {signature.Id}
                """);
        }
    }
}
