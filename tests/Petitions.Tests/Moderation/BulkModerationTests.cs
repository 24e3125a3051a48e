using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Moderation;

public sealed class BulkModerationTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    // Five counted GB signatures, two pending and one flagged from GB, three counted from FR,
    // and one GB signature invalidated long ago: nine counted in all.
    private static PetitionBuilder PetitionWithABotWaveFromGB() => A.Petition().Open().With(
    [
        .. Enumerable.Range(0, 5).Select(i => A.Signature($"GB confirmed {i}").From("GB")),
        .. Enumerable.Range(0, 2).Select(i => A.Signature($"GB pending {i}").From("GB").Pending()),
        A.Signature("GB flagged").From("GB").Flagged(),
        A.Signature("GB old invalid").From("GB").Invalidated("Earlier decision"),
        .. Enumerable.Range(0, 3).Select(i => A.Signature($"FR confirmed {i}").From("FR")),
        A.Signature("FR flagged").From("FR").Flagged(),
    ]);

    [Fact]
    public async Task Bulk_invalidate_previews_the_count_then_changes_exactly_the_filtered_signatures()
    {
        var slug = await PetitionWithABotWaveFromGB().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        Assert.Equal(8, await app.PublicCountAsync(slug));

        var list = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?country=GB");
        var preview = await moderator.GetAsync(list.Document.QuerySelector("a[href*='/bulk/invalidate']")!.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("This will invalidate 8 signatures. The public count will go down by 5.", Squash(preview.Text(".bulk-count")));
        Assert.Equal(8, await app.PublicCountAsync(slug));

        var done = await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "Bot wave from one ISP" }, "form.bulk-form");

        Assert.Equal(new Uri(app.BaseAddress, $"/admin/petitions/{petitionId}/signatures?country=GB"), done.Url);
        Assert.Equal("Invalidated 8 signatures. The public count went down by 5.", done.Notice());
        Assert.Equal(3, await app.PublicCountAsync(slug));
        Assert.Equal(9, (await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?country=GB&status=invalidated")).Names().Length);
        Assert.Equal(4, (await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?country=FR")).Names().Length);
        var reasons = await app.WithDbAsync(db => db.Signatures
            .Where(s => s.PetitionId == petitionId && s.Country == "GB").Select(s => s.InvalidationReason).ToListAsync());
        Assert.Equal(8, reasons.Count(r => r == "Bot wave from one ISP"));
        Assert.Equal(1, reasons.Count(r => r == "Earlier decision"));
    }

    [Fact]
    public async Task Bulk_restore_puts_back_what_was_confirmed_and_leaves_pending_and_flagged_as_they_were()
    {
        var slug = await PetitionWithABotWaveFromGB().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var invalidate = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country=GB");
        await moderator.SubmitAsync(invalidate, new Dictionary<string, string?> { ["reason"] = "Bot wave" }, "form.bulk-form");
        Assert.Equal(3, await app.PublicCountAsync(slug));

        // The filter also matches the GB signature invalidated before the wave, and restores it too.
        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/restore?country=GB");
        Assert.Equal("This will restore 9 signatures. The public count will go up by 6.", Squash(preview.Text(".bulk-count")));
        var done = await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "It was a school class after all" }, "form.bulk-form");

        Assert.Equal("Restored 9 signatures. The public count went up by 6.", done.Notice());
        Assert.Equal(9, await app.PublicCountAsync(slug));
        var states = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == petitionId && s.Country == "GB")
            .Select(s => new { s.Name, s.Status, Flagged = s.FlaggedAt != null }).ToListAsync());
        Assert.All(states.Where(s => s.Name.StartsWith("GB pending")), s => Assert.Equal(SignatureStatus.Pending, s.Status));
        Assert.True(states.Single(s => s.Name == "GB flagged").Flagged);
        Assert.DoesNotContain(states, s => s.Status == SignatureStatus.Invalidated);
    }

    [Fact]
    public async Task Bulk_changes_follow_the_filter_including_status_and_ip_range()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).With(
            A.Signature("Bot 1").FromIp("192.0.2.10").Flagged(),
            A.Signature("Bot 2").FromIp("192.0.2.11").Flagged(),
            A.Signature("Bot 3").FromIp("192.0.2.12"),
            A.Signature("Neighbour").FromIp("192.0.3.1").Flagged()).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        Assert.Equal(4, await app.PublicCountAsync(slug));

        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?status=flagged&ip=192.0.2.0/24");
        Assert.Equal("This will invalidate 2 signatures. The public count will not change.", Squash(preview.Text(".bulk-count")));
        await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "Flagged bots" }, "form.bulk-form");

        Assert.Equal(4, await app.PublicCountAsync(slug));
        var invalid = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?status=invalidated");
        Assert.Equal(["Bot 2", "Bot 1"], invalid.Names());
    }

    [Fact]
    public async Task Bulk_changes_need_a_reason()
    {
        var slug = await PetitionWithABotWaveFromGB().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country=FR");

        var page = await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "" }, "form.bulk-form");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Error: Enter the reason for invalidating.", page.Text("#reason-error"));
        Assert.Equal("Enter the reason for invalidating.", page.Text(".error-summary a[href='#reason']"));
        Assert.Equal("This will invalidate 4 signatures. The public count will go down by 3.", Squash(page.Text(".bulk-count")));
        Assert.Equal(8, await app.PublicCountAsync(slug));
        Assert.Empty(await app.AuditAsync(AuditActions.SignatureInvalidated, $"petition:{petitionId}"));
    }

    [Fact]
    public async Task Bulk_restore_needs_a_reason_too()
    {
        var slug = await PetitionWithABotWaveFromGB().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/restore?country=GB");

        var page = await moderator.SubmitAsync(preview, new Dictionary<string, string?>(), "form.bulk-form");

        Assert.Equal("Error: Enter the reason for restoring.", page.Text("#reason-error"));
        Assert.Equal(8, await app.PublicCountAsync(slug));
    }

    [Fact]
    public async Task A_bulk_change_is_one_audit_entry_with_the_count_the_filter_and_the_reason()
    {
        var slug = await PetitionWithABotWaveFromGB().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Admin);

        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country=FR&status=confirmed");
        var invalidated = await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "Paid clicks" }, "form.bulk-form");
        var restorePreview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/restore?country=FR");
        await moderator.SubmitAsync(restorePreview, new Dictionary<string, string?> { ["reason"] = "Appeal upheld" }, "form.bulk-form");

        var entry = Assert.Single(await app.AuditAsync(AuditActions.SignatureInvalidated, $"petition:{petitionId}"));
        Assert.StartsWith("admin-", entry.ActorEmail);
        Assert.Equal(3, entry.Details().GetProperty("count").GetInt32());
        Assert.Equal(-3, entry.Details().GetProperty("countChange").GetInt32());
        Assert.Equal("Paid clicks", entry.Details().GetProperty("reason").GetString());
        Assert.Equal("status=confirmed, country=FR", entry.Details().GetProperty("filter").GetString());
        var restored = Assert.Single(await app.AuditAsync(AuditActions.SignatureRestored, $"petition:{petitionId}"));
        Assert.Equal(3, restored.Details().GetProperty("count").GetInt32());
        Assert.Equal("Appeal upheld", restored.Details().GetProperty("reason").GetString());
        Assert.Equal(8, await app.PublicCountAsync(slug));
    }

    [Fact]
    public async Task Confirming_a_preview_twice_changes_nothing_the_second_time()
    {
        var slug = await PetitionWithABotWaveFromGB().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country=FR");

        await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "Bots" }, "form.bulk-form");
        var again = await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "Bots" }, "form.bulk-form");

        Assert.StartsWith("Nothing changed", again.Notice());
        Assert.Equal(5, await app.PublicCountAsync(slug));
        Assert.Single(await app.AuditAsync(AuditActions.SignatureInvalidated, $"petition:{petitionId}"));
    }

    [Fact]
    public async Task A_preview_with_nothing_to_change_offers_no_button()
    {
        var slug = await PetitionWithABotWaveFromGB().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/restore?country=FR");

        Assert.Equal("No signatures matching this filter can be restored.", page.Text(".bulk-count"));
        Assert.False(page.Has("form button[type=submit].button--secondary"));
    }

    [Fact]
    public async Task A_bad_filter_on_a_bulk_page_is_a_field_error_and_changes_nothing()
    {
        var slug = await PetitionWithABotWaveFromGB().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?ip=10.0.0.0/99");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("CIDR", page.Text(".error-summary"));
        Assert.False(page.Has("#reason"));
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/delete")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/approve")).Status);
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
