using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Moderation;

public sealed class SignatureDecisionTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly Dictionary<string, string?> NoFields = new();

    [Fact]
    public async Task The_detail_page_shows_everything_about_a_signature()
    {
        var slug = await A.Petition().Open().With(
            A.Signature("Carla Flagged").Flagged("Burst from one address").WithEmail("Carla@Example.org").From("DE", "Berlin").FromIp("198.51.100.5")).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Carla Flagged");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.GetAsync($"/admin/signatures/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var details = page.Document.QuerySelectorAll(".summary-list dt")
            .ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal("Carla@Example.org", details["Email"]);
        Assert.Equal("Germany (DE)", details["Country"]);
        Assert.Equal("Berlin", details["City or postcode"]);
        Assert.Equal("198.51.100.5", details["IP address"]);
        Assert.Equal("Test browser/1.0", details["User agent"]);
        Assert.Equal("Burst from one address", details["Flag reason"]);
        Assert.Equal("1", details["Version signed"]);
        Assert.Equal("–", details["Invalidation reason"]);
        Assert.Contains("Not counted", page.MainText);
        Assert.True(page.Has("form.approve-form"));
        Assert.True(page.Has("form.invalidate-form"));
        Assert.False(page.Has("form.restore-form"));
    }

    [Fact]
    public async Task Invalidating_a_confirmed_signature_takes_it_out_of_the_public_count()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).With(A.Signature("Mickey Mouse")).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Mickey Mouse");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        Assert.Equal(3, await app.PublicCountAsync(slug));

        var page = await moderator.SubmitAsync(await moderator.GetAsync($"/admin/signatures/{id}"),
            new Dictionary<string, string?> { ["reason"] = "Not a real person" }, "form.invalidate-form");

        Assert.Equal(new Uri(app.BaseAddress, $"/admin/signatures/{id}"), page.Url);
        Assert.Equal("Signature invalidated. The public count went down by 1.", page.Notice());
        Assert.Equal(2, await app.PublicCountAsync(slug));
        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Id == id));
        Assert.Equal(SignatureStatus.Invalidated, stored.Status);
        Assert.Equal("Not a real person", stored.InvalidationReason);
        Assert.True(page.Has("form.restore-form"));
    }

    [Fact]
    public async Task Invalidating_needs_a_reason_and_without_one_nothing_changes()
    {
        var slug = await A.Petition().Open().With(A.Signature("Mickey Mouse")).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Mickey Mouse");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.SubmitAsync(await moderator.GetAsync($"/admin/signatures/{id}"),
            new Dictionary<string, string?> { ["reason"] = "   " }, "form.invalidate-form");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Error: Enter the reason for invalidating.", page.Text("#reason-error"));
        Assert.Equal("Enter the reason for invalidating.", page.Text(".error-summary a[href='#reason']"));
        Assert.Equal("true", page.Document.QuerySelector("#reason")!.GetAttribute("aria-invalid"));
        Assert.Equal(1, await app.PublicCountAsync(slug));
        Assert.Equal(SignatureStatus.Confirmed, await app.WithDbAsync(db => db.Signatures.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
        Assert.Empty(await app.AuditAsync(AuditActions.SignatureInvalidated, $"signature:{id}"));
    }

    [Fact]
    public async Task Restoring_puts_a_confirmed_signature_back_in_the_count()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).With(A.Signature("Ann Real").Invalidated("Looked fake")).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Ann Real");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Admin);
        Assert.Equal(2, await app.PublicCountAsync(slug));

        var page = await moderator.SubmitAsync(await moderator.GetAsync($"/admin/signatures/{id}"), NoFields, "form.restore-form");

        Assert.Equal("Signature restored. The public count went up by 1.", page.Notice());
        Assert.Equal(3, await app.PublicCountAsync(slug));
        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Id == id));
        Assert.Equal(SignatureStatus.Confirmed, stored.Status);
        Assert.Null(stored.InvalidatedAt);
        Assert.Null(stored.InvalidationReason);
    }

    [Fact]
    public async Task Restoring_a_signature_that_was_never_confirmed_makes_it_pending_and_does_not_count_it()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(1).With(A.Signature("Pat Pending").Pending().Invalidated()).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Pat Pending");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.SubmitAsync(await moderator.GetAsync($"/admin/signatures/{id}"), NoFields, "form.restore-form");

        Assert.Equal("Signature restored. The public count did not change.", page.Notice());
        Assert.Equal(1, await app.PublicCountAsync(slug));
        Assert.Equal(SignatureStatus.Pending, await app.WithDbAsync(db => db.Signatures.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task Approving_a_flagged_confirmed_signature_adds_it_to_the_count()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(4).With(A.Signature("Fran Flagged").Flagged()).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Fran Flagged");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        Assert.Equal(4, await app.PublicCountAsync(slug));

        var page = await moderator.SubmitAsync(await moderator.GetAsync($"/admin/signatures/{id}"), NoFields, "form.approve-form");

        Assert.Equal("Signature approved. The public count went up by 1.", page.Notice());
        Assert.Equal(5, await app.PublicCountAsync(slug));
        Assert.False(page.Has("form.approve-form"));
        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Id == id));
        Assert.Null(stored.FlaggedAt);
        Assert.True(stored.IsCounted);
    }

    [Fact]
    public async Task Approving_a_flagged_pending_signature_clears_the_flag_without_counting_it()
    {
        var slug = await A.Petition().Open().With(A.Signature("Pia Pending").Pending().Flagged()).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Pia Pending");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.SubmitAsync(await moderator.GetAsync($"/admin/signatures/{id}"), NoFields, "form.approve-form");

        Assert.Equal("Signature approved. The public count did not change.", page.Notice());
        Assert.Equal(0, await app.PublicCountAsync(slug));
        Assert.Null(await app.WithDbAsync(db => db.Signatures.Where(s => s.Id == id).Select(s => s.FlaggedAt).SingleAsync()));
    }

    [Fact]
    public async Task Invalidating_and_restoring_a_flagged_signature_never_touches_the_count()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).With(A.Signature("Fran Flagged").Flagged()).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Fran Flagged");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var invalidated = await moderator.SubmitAsync(await moderator.GetAsync($"/admin/signatures/{id}"),
            new Dictionary<string, string?> { ["reason"] = "Bot" }, "form.invalidate-form");
        Assert.Equal("Signature invalidated. The public count did not change.", invalidated.Notice());
        Assert.Equal(2, await app.PublicCountAsync(slug));

        var restored = await moderator.SubmitAsync(invalidated, NoFields, "form.restore-form");
        Assert.Equal("Signature restored. The public count did not change.", restored.Notice());
        Assert.Equal(2, await app.PublicCountAsync(slug));
        Assert.True(restored.Has("form.approve-form"));
    }

    [Fact]
    public async Task Invalidating_twice_from_two_tabs_changes_the_count_once()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).With(A.Signature("Mickey Mouse")).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Mickey Mouse");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var tab1 = await moderator.GetAsync($"/admin/signatures/{id}");
        var tab2 = await moderator.GetAsync($"/admin/signatures/{id}");

        await moderator.SubmitAsync(tab1, new Dictionary<string, string?> { ["reason"] = "Fake" }, "form.invalidate-form");
        var second = await moderator.SubmitAsync(tab2, new Dictionary<string, string?> { ["reason"] = "Fake" }, "form.invalidate-form");

        Assert.StartsWith("Nothing changed", second.Notice());
        Assert.Equal(2, await app.PublicCountAsync(slug));
        Assert.Single(await app.AuditAsync(AuditActions.SignatureInvalidated, $"signature:{id}"));
    }

    [Fact]
    public async Task Each_decision_is_in_the_audit_log_with_who_took_it_the_count_and_the_reason()
    {
        var slug = await A.Petition().Open().With(A.Signature("Fran Flagged").Flagged()).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Fran Flagged");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var page = await moderator.GetAsync($"/admin/signatures/{id}");

        page = await moderator.SubmitAsync(page, NoFields, "form.approve-form");
        page = await moderator.SubmitAsync(page, new Dictionary<string, string?> { ["reason"] = "Duplicate person" }, "form.invalidate-form");
        await moderator.SubmitAsync(page, NoFields, "form.restore-form");

        var target = $"signature:{id}";
        var approved = Assert.Single(await app.AuditAsync(AuditActions.SignatureApproved, target));
        var invalidated = Assert.Single(await app.AuditAsync(AuditActions.SignatureInvalidated, target));
        var restored = Assert.Single(await app.AuditAsync(AuditActions.SignatureRestored, target));
        Assert.All([approved, invalidated, restored], entry =>
        {
            Assert.StartsWith("moderator-", entry.ActorEmail);
            Assert.NotNull(entry.ActorId);
            Assert.Equal(1, entry.Details().GetProperty("count").GetInt32());
        });
        Assert.Equal(1, approved.Details().GetProperty("countChange").GetInt32());
        Assert.Equal(-1, invalidated.Details().GetProperty("countChange").GetInt32());
        Assert.Equal("Duplicate person", invalidated.Details().GetProperty("reason").GetString());
        Assert.Equal(1, restored.Details().GetProperty("countChange").GetInt32());
    }

    [Fact]
    public async Task An_unknown_signature_is_a_404()
    {
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync("/admin/signatures/987654321")).Status);
    }
}
