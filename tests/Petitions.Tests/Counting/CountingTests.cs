using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Counting;

public sealed class CountingTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Two_hundred_confirmations_at_once_give_a_count_of_exactly_two_hundred()
    {
        var slug = await A.Petition().Open().WithTarget(500).BuildAsync(app);
        var tokens = await PendingSignaturesAsync(slug, 200);
        var browsers = tokens.Select(_ => app.Browser()).ToArray();
        var pages = await Task.WhenAll(browsers.Select((b, i) => b.GetAsync($"/confirm/{tokens[i]}")));

        var results = await Task.WhenAll(browsers.Select((b, i) => b.SubmitAsync(pages[i], new Dictionary<string, string?>())));

        Assert.All(results, r => Assert.Equal("Thank you: your signature is confirmed", r.Heading));
        using var reader = app.Browser();
        var api = await reader.Http.GetFromJsonAsync<CountJson>($"/api/petitions/{slug}");
        Assert.Equal(200, api!.SignatureCount);
        Assert.Equal("200", (await reader.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));

        // Spread over several rows, so confirmations did not queue behind one lock.
        var petitionId = await app.PetitionIdAsync(slug);
        var slotsUsed = await app.WithDbAsync(db => db.CounterSlots.CountAsync(s => s.PetitionId == petitionId && s.Count > 0));
        Assert.True(slotsUsed > 1, $"Only {slotsUsed} counter slot was used.");
        Assert.Equal(200, await app.WithServiceAsync<SignatureCounter, long>(async c => (await c.ReconcileAsync(petitionId, CancellationToken.None)).Count));
        foreach (var b in browsers)
            b.Dispose();
    }

    [Fact]
    public async Task Only_confirmed_signatures_count()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        await PendingSignaturesAsync(slug, 4);
        using var browser = app.Browser();

        Assert.Equal("3", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
    }

    [Fact]
    public async Task Reconcile_recomputes_a_wrong_count_from_the_signatures()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(7).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE signature_counter_slots SET count = count + 1000 WHERE petition_id = {petitionId}"));
        using var browser = app.Browser();
        Assert.NotEqual("7", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));

        var recounted = await app.WithServiceAsync<SignatureCounter, long>(async c => (await c.ReconcileAsync(petitionId, CancellationToken.None)).Count);

        Assert.Equal(7, recounted);
        Assert.Equal("7", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
    }

    [Fact]
    public async Task Reconcile_while_confirmations_race_it_loses_none()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(20).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var tokens = await PendingSignaturesAsync(slug, 60);

        var confirmations = tokens.Select(token => app.WithServiceAsync<ConfirmationService, ConfirmResult>(
            s => s.ConfirmAsync(token, language: null, CancellationToken.None)));
        var reconciles = Enumerable.Range(0, 5).Select(_ => app.WithServiceAsync<SignatureCounter, long>(
            async c => (await c.ReconcileAsync(petitionId, CancellationToken.None)).Count));
        await Task.WhenAll(confirmations.Cast<Task>().Concat(reconciles));

        var shown = await app.WithServiceAsync<SignatureCounter, long>(c => c.CountAsync(petitionId, CancellationToken.None));
        Assert.Equal(80, shown);
    }

    // Pending signatures made the way the signing service makes them, with their links' tokens.
    private async Task<string[]> PendingSignaturesAsync(string slug, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var petitionId = await db.Petitions.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            var email = SignForm.UniqueEmail($"pending{i}");
            var signature = Signature.Pending(petitionId, 1,
                new SignRequest { Name = $"Pending {i}", Email = email, Country = "FR", Consent = true }, email, now);
            tokens[i] = signature.IssueToken(now, TimeSpan.FromDays(7));
            db.Signatures.Add(signature);
        }
        await db.SaveChangesAsync();
        return tokens;
    }

    private sealed record CountJson(long SignatureCount);
}
