using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Counting;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Moderation;
using Petitions.Tests.Privacy;

namespace Petitions.Tests.Counting;

// Once a petition is delivered, its count is the one handed over: nothing staff do afterwards
// moves it, and the public page and the API keep showing it.
public sealed class DeliveredCountTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly DateOnly DeliveredOn = new(2026, 11, 20);
    private static readonly Dictionary<string, string?> NoFields = [];

    private static string Frozen(long count) =>
        $"This petition was delivered on 20 November 2026 with a count of {count:N0}; its count can no longer change.";

    private Task<long> SlotsAsync(int petitionId) =>
        app.WithServiceAsync<SignatureCounter, long>(c => c.CountAsync(petitionId, CancellationToken.None));

    // As a repair by hand, or a bug, would: the slots move without any signature changing.
    private async Task MoveCounterBehindItsBackAsync(int petitionId, int by)
    {
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE signature_counter_slots SET count = count + {by} WHERE petition_id = {petitionId} AND slot = 0"));
        app.Services.GetRequiredService<PetitionSnapshots>().Changed(petitionId);
    }

    [Fact]
    public async Task After_delivery_the_public_page_and_the_api_show_the_delivered_count_even_if_the_counter_moves()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        await PrivacyJourney.MarkDeliveredAsync(app, slug, DeliveredOn);

        await MoveCounterBehindItsBackAsync(petitionId, 40);

        using var browser = app.Browser();
        Assert.Equal(43, await SlotsAsync(petitionId));
        Assert.Equal("3", await PrivacyJourney.CountAsync(browser, slug));
        Assert.Equal(3, await app.PublicCountAsync(slug));
    }

    [Fact]
    public async Task Paper_import_after_delivery_is_refused_with_the_reason_and_imports_nothing()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var csv = Encoding.UTF8.GetBytes("name,email,country,city,date\r\nAda Lovelace,ada@example.org,GB,London,2026-03-01\r\n");
        // Read before the delivery, committed after it.
        var report = await moderator.UploadAsync(await moderator.GetAsync($"/admin/petitions/{petitionId}/import"), "form.upload-form", "file", "sheet.csv", csv);
        Assert.True(report.Has("form.commit-form"));
        await PrivacyJourney.MarkDeliveredAsync(app, slug, DeliveredOn);

        var committed = await moderator.SubmitAsync(report, NoFields, "form.commit-form");
        var uploaded = await moderator.UploadAsync(await moderator.GetAsync($"/admin/petitions/{petitionId}/import"), "form.upload-form", "file", "sheet.csv", csv);

        Assert.Equal(Frozen(2), committed.Text(".error-summary li"));
        Assert.Equal(Frozen(2), uploaded.Text(".error-summary li"));
        Assert.Equal(2, await app.SignatureRowsAsync(slug));
        Assert.Equal(2, await SlotsAsync(petitionId));
        Assert.Equal(2, await app.PublicCountAsync(slug));
    }

    [Fact]
    public async Task Restore_approve_and_invalidate_after_delivery_are_refused_with_the_reason_and_change_nothing()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2)
            .With(A.Signature("Held Back").Flagged(), A.Signature("Made Up").Invalidated(), A.Signature("Real Person"))
            .BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        // Pages a moderator opened before the delivery, and acts on after it.
        var flagged = await moderator.GetAsync($"/admin/signatures/{await app.SignatureIdAsync(slug, "Held Back")}");
        var invalidated = await moderator.GetAsync($"/admin/signatures/{await app.SignatureIdAsync(slug, "Made Up")}");
        var counted = await moderator.GetAsync($"/admin/signatures/{await app.SignatureIdAsync(slug, "Real Person")}");
        await PrivacyJourney.MarkDeliveredAsync(app, slug, DeliveredOn);

        var approved = await moderator.SubmitAsync(flagged, NoFields, "form.approve-form");
        var restored = await moderator.SubmitAsync(invalidated, NoFields, "form.restore-form");
        var invalidatedNow = await moderator.SubmitAsync(counted, new Dictionary<string, string?> { ["reason"] = "Not a real person" }, "form.invalidate-form");

        Assert.All(new[] { approved, restored, invalidatedNow }, page => Assert.Equal(Frozen(3), page.Text(".error-summary li")));
        var stored = await app.WithDbAsync(db => db.Signatures.AsNoTracking().Where(s => s.PetitionId == petitionId)
            .ToDictionaryAsync(s => s.Name, s => (s.Status, s.FlaggedAt != null)));
        Assert.Equal((SignatureStatus.Confirmed, true), stored["Held Back"]);
        Assert.Equal((SignatureStatus.Invalidated, false), stored["Made Up"]);
        Assert.Equal((SignatureStatus.Confirmed, false), stored["Real Person"]);
        Assert.Equal(3, await SlotsAsync(petitionId));
        Assert.Equal(3, await app.PublicCountAsync(slug));
    }

    [Fact]
    public async Task Bulk_moderation_after_delivery_is_refused_with_the_reason_and_changes_nothing()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(4).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country=GB");
        Assert.True(preview.Has("form.bulk-form"));
        await PrivacyJourney.MarkDeliveredAsync(app, slug, DeliveredOn);

        var posted = await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "Bot wave" }, "form.bulk-form");
        var previewedAfter = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country=GB");

        Assert.Equal([Frozen(4)], posted.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()));
        Assert.Equal(Frozen(4), previewedAfter.Text(".error-summary li"));
        Assert.False(previewedAfter.Has("form.bulk-form"));
        Assert.Equal(4, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.PetitionId == petitionId && s.Status == SignatureStatus.Confirmed)));
        Assert.Equal(4, await SlotsAsync(petitionId));
    }

    [Fact]
    public async Task A_recount_after_delivery_is_refused_and_leaves_the_counter_alone()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        await PrivacyJourney.MarkDeliveredAsync(app, slug, DeliveredOn);
        await MoveCounterBehindItsBackAsync(petitionId, 7);

        var recount = await app.WithServiceAsync<SignatureCounter, RecountResult>(c => c.ReconcileAsync(petitionId, CancellationToken.None));
        var (exitCode, _, errors) = await app.RunVerbAsync(["seed-demo", "--petition", slug, "--signatures", "5"]);

        var refused = Assert.IsType<RecountResult.Refused>(recount);
        Assert.Equal(new DeliveredCount(DeliveredOn, 3), refused.Delivered);
        Assert.Equal(10, await SlotsAsync(petitionId));
        Assert.Equal(1, exitCode);
        Assert.Contains("its count can no longer change", errors);
        Assert.Equal(3, await app.SignatureRowsAsync(slug));
        Assert.Equal(3, await app.PublicCountAsync(slug));
    }
}
