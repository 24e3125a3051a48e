using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Counting;
using Petitions.Core.Delivery;
using Petitions.Core.Moderation;
using Petitions.Core.Privacy;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Privacy;

// Retention works on the data's own dates, so the tests date their data in the past, as time
// would have, and run the job as its schedule or the `retention` verb would.
public sealed class RetentionTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private Task<RetentionReport> RunRetentionAsync() =>
        app.WithServiceAsync<RetentionJob, RetentionReport>(job => job.RunAsync(CancellationToken.None));

    private Task<List<Signature>> SignaturesAsync(string slug) => app.WithDbAsync(db => db.Signatures.AsNoTracking()
        .Where(s => db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug)).OrderBy(s => s.Id).ToListAsync());

    private async Task<ExportJob> ExportCsvAsync(int petitionId)
    {
        var started = await app.WithServiceAsync<ExportJobs, ExportStartResult>(jobs =>
            jobs.StartAsync(petitionId, new ExportRequest(ExportFormats.Csv, null), new Actor(null, "admin@example.org", null), CancellationToken.None));
        var jobId = Assert.IsType<ExportStartResult.Started>(started).JobId;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await app.WithDbAsync(db => db.ExportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
            if (job.IsFinished)
                return job.Status == ExportStatus.Done ? job : throw new InvalidOperationException(job.Error);
            Assert.True(DateTime.UtcNow < deadline, "The export did not finish.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Retention_anonymises_signatures_30_days_after_delivery_and_keeps_the_totals()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3)
            .With(A.Signature("Marie Curie").From("FR", "Paris").FromIp("192.0.2.10"), A.Signature("Held Back").Flagged())
            .BuildAsync(app);
        var recentSlug = await A.Petition().Open().With(A.Signature("Still Here").From("DE", "Berlin")).BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email, SignForm.Valid(email, "Online Signer"));
        var petitionId = await app.PetitionIdAsync(slug);
        var export = await ExportCsvAsync(petitionId);
        var exportFolder = Path.Combine(app.ExportDirectory, export.Folder);
        Assert.Contains("Marie Curie", await File.ReadAllTextAsync(Path.Combine(exportFolder, export.Files.Single(f => f.EndsWith(".csv")))));
        await PrivacyJourney.MarkDeliveredAsync(app, slug, Today.AddDays(-31));
        await PrivacyJourney.MarkDeliveredAsync(app, recentSlug, Today.AddDays(-29));

        var report = await RunRetentionAsync();

        var signatures = await SignaturesAsync(slug);
        Assert.Equal(6, signatures.Count);
        Assert.True(report.Anonymised >= 6);
        Assert.All(signatures, s =>
        {
            Assert.Equal("", s.Name);
            Assert.Null(s.Email);
            Assert.Null(s.NormalizedEmail);
            Assert.Null(s.City);
            Assert.Null(s.Comment);
            Assert.Null(s.IpAddress);
            Assert.Null(s.UserAgent);
            Assert.NotNull(s.AnonymisedAt);
        });
        Assert.Equal(["FR", "GB", "GB", "GB", "GB", "GB"], signatures.Select(s => s.Country).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.ManageTokens.CountAsync(t => signatures.Select(s => s.Id).Contains(t.SignatureId))));
        Assert.Equal(0, await app.WithDbAsync(db => db.ConfirmationTokens.CountAsync(t => signatures.Select(s => s.Id).Contains(t.SignatureId))));

        // The totals are as delivered, and what was delivered is on record.
        using var browser = app.Browser();
        Assert.Equal("5", await PrivacyJourney.CountAsync(browser, slug));
        // A delivered petition's count is frozen: a recount is refused and reports the delivered one.
        var recount = await app.WithServiceAsync<SignatureCounter, RecountResult>(c => c.ReconcileAsync(petitionId, CancellationToken.None));
        Assert.Equal(5, Assert.IsType<RecountResult.Refused>(recount).Count);
        var petition = await app.WithDbAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petitionId));
        Assert.Equal(5, export.SignatureCount);
        Assert.Equal(5, petition.DeliveredSignatureCount);
        Assert.Equal(export.Sha256, petition.DeliveredSha256);
        Assert.NotNull(petition.SignersAnonymisedAt);
        // The files listed every name, so they are gone too.
        Assert.False(Directory.Exists(exportFolder));
        Assert.Equal(0, await app.WithDbAsync(db => db.ExportJobs.CountAsync(j => j.PetitionId == petitionId)));
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var page = await admin.GetAsync($"/admin/petitions/{petitionId}/export");
        Assert.Equal(export.Sha256, page.Text(".delivered-record__hash"));
        Assert.Equal("5", page.Text(".delivered-record__count"));

        // The signer's link went with their details.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(manage)).Status);

        // A petition delivered 29 days ago keeps its signers' details for now.
        var recent = Assert.Single(await SignaturesAsync(recentSlug));
        Assert.Equal("Still Here", recent.Name);
        Assert.NotNull(recent.Email);
        Assert.Equal("Berlin", recent.City);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.RetentionApplied).ToListAsync());
        Assert.NotEmpty(audit);
        Assert.All(audit, e => Assert.DoesNotContain("Marie", e.Details));
    }

    [Fact]
    public async Task Retention_deletes_unconfirmed_signatures_older_than_the_link_lifetime()
    {
        var longAgo = DateTimeOffset.UtcNow.AddDays(-8);
        var slug = await A.Petition().Open()
            .With(A.Signature("Never Confirmed").Pending().SignedAt(longAgo),
                A.Signature("Signed Yesterday").Pending().SignedAt(DateTimeOffset.UtcNow.AddDays(-1)),
                A.Signature("Confirmed Long Ago").SignedAt(longAgo.AddDays(-30)))
            .BuildAsync(app);
        // Two who signed through the form eight days ago: one let the link expire, the other asked
        // for a new one yesterday, which still works.
        var expired = SignForm.UniqueEmail("expired");
        var renewed = SignForm.UniqueEmail("renewed");
        using var browser = app.Browser();
        foreach (var email in new[] { expired, renewed })
        {
            await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
            await app.Inbox.WaitForAsync(email, "Please confirm");
        }
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE signatures SET signed_at = {longAgo} WHERE email IN ({expired}, {renewed});
            UPDATE confirmation_tokens SET created_at = {longAgo}, expires_at = {longAgo.AddDays(7)}
            WHERE signature_id IN (SELECT id FROM signatures WHERE email = {expired});
            UPDATE confirmation_tokens SET created_at = {longAgo.AddDays(7)}, expires_at = {longAgo.AddDays(14)}
            WHERE signature_id IN (SELECT id FROM signatures WHERE email = {renewed});
            """));
        var expiredId = await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == expired).Select(s => s.Id).SingleAsync());

        var report = await RunRetentionAsync();

        var left = await SignaturesAsync(slug);
        Assert.True(report.UnconfirmedDeleted >= 2);
        Assert.Equal(["Signed Yesterday", "Confirmed Long Ago", "Ada Lovelace"], left.Select(s => s.Name));
        Assert.Equal(renewed, left[2].Email);
        Assert.Equal(0, await app.WithDbAsync(db => db.ConfirmationTokens.CountAsync(t => t.SignatureId == expiredId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ManageTokens.CountAsync(t => t.SignatureId == expiredId)));
        Assert.Equal("1", await PrivacyJourney.CountAsync(browser, slug));
    }

    [Fact]
    public async Task IP_addresses_older_than_7_days_are_minimised()
    {
        var eightDaysAgo = DateTimeOffset.UtcNow.AddDays(-8);
        var slug = await A.Petition().Open()
            .With(A.Signature("Old Four").FromIp("203.0.113.77").SignedAt(eightDaysAgo),
                A.Signature("Old Six").FromIp("2001:db8:abcd:12:1::5").SignedAt(eightDaysAgo),
                A.Signature("Old Mapped").FromIp("::ffff:203.0.113.88").SignedAt(eightDaysAgo),
                A.Signature("New Four").FromIp("198.51.100.9").SignedAt(DateTimeOffset.UtcNow.AddDays(-6)))
            .BuildAsync(app);

        var (exitCode, output, errors) = await RunVerbAsync("retention");

        Assert.True(exitCode == 0, errors);
        Assert.Contains("IP addresses minimised", output);
        var byName = (await SignaturesAsync(slug)).ToDictionary(s => s.Name);
        Assert.Equal(IPAddress.Parse("203.0.113.0"), byName["Old Four"].IpAddress);
        Assert.Equal(IPAddress.Parse("2001:db8:abcd::"), byName["Old Six"].IpAddress);
        Assert.Equal(IPAddress.Parse("::ffff:203.0.113.0"), byName["Old Mapped"].IpAddress);
        Assert.NotNull(byName["Old Four"].IpMinimisedAt);
        Assert.Equal(IPAddress.Parse("198.51.100.9"), byName["New Four"].IpAddress);
        Assert.Null(byName["New Four"].IpMinimisedAt);

        // Moderators can still find a burst by its network.
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var petitionId = await app.PetitionIdAsync(slug);
        var list = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?ip={Uri.EscapeDataString("203.0.113.0/24")}");
        var rows = list.Document.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("th")!.TextContent.Trim()).Order();
        Assert.Equal(["Old Four", "Old Mapped"], rows);

        // A second run finds nothing more to do for these rows.
        await RunRetentionAsync();
        Assert.Equal(IPAddress.Parse("203.0.113.0"), (await SignaturesAsync(slug)).Single(s => s.Name == "Old Four").IpAddress);
    }

    [Fact]
    public async Task Sent_emails_are_deleted_from_the_outbox_after_7_days()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var old = SignForm.UniqueEmail("old");
        var recent = SignForm.UniqueEmail("recent");
        using var browser = app.Browser();
        foreach (var email in new[] { old, recent })
        {
            await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
            await app.Inbox.WaitForAsync(email, "Please confirm");
        }
        await WaitUntilSentAsync(old, recent);
        var eightDaysAgo = DateTimeOffset.UtcNow.AddDays(-8);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE outbox_messages SET created_at = {eightDaysAgo}, sent_at = {eightDaysAgo} WHERE to_address = {old}"));

        await RunRetentionAsync();

        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == old)));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == recent)));
    }

    [Fact]
    public async Task Bulk_moderation_audit_entries_lose_the_emails_and_ip_addresses_in_their_filter_and_reason_after_7_days_and_keep_what_was_done()
    {
        var slug = await A.Petition().Open()
            .With(A.Signature("Bot One").WithEmail("bot.one@spam.example.net").FromIp("203.0.113.50"))
            .BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var moderator = new Actor(null, "moderator@example.org", IPAddress.Loopback);
        var filter = new SignatureFilterInput { Name = "Bot One", Email = "bot.one@spam.example.net", Ip = "203.0.113.0/24", Country = "GB" };
        const string reason = "Bots, reported by watcher@example.com from 198.51.100.23 and 2001:db8::7";
        var result = await app.WithServiceAsync<SignatureModeration, ModerationResult>(m =>
            m.ApplyAsync(petitionId, SignatureChange.Invalidate, filter, reason, moderator, CancellationToken.None));
        Assert.IsType<ModerationResult.Changed>(result);
        var target = $"petition:{petitionId}";
        var entryId = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == target).Select(a => a.Id).SingleAsync());

        // Within the 7 days, staff see exactly what was filtered on.
        await RunRetentionAsync();
        var recent = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entryId));
        Assert.Contains("bot.one@spam.example.net", recent.Details);
        Assert.Contains("203.0.113.0/24", recent.Details);

        await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == entryId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.At, DateTimeOffset.UtcNow.AddDays(-8))));
        var report = await RunRetentionAsync();

        Assert.Equal(1, report.AuditEntriesMinimised);
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entryId));
        var columns = new[] { entry.Details, entry.Target, entry.ActorEmail, entry.ActorId, entry.IpAddress?.ToString() };
        foreach (var personal in new[] { "bot.one", "spam.example.net", "Bot One", "203.0.113", "watcher@example.com", "198.51.100.23", "2001:db8::7" })
            Assert.DoesNotContain(columns, column => column is not null && column.Contains(personal, StringComparison.OrdinalIgnoreCase));
        // What was done, how many and why stay.
        Assert.Equal(AuditActions.SignatureInvalidated, entry.Action);
        using var details = System.Text.Json.JsonDocument.Parse(entry.Details!);
        Assert.Equal(1, details.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(-1, details.RootElement.GetProperty("countChange").GetInt32());
        Assert.Equal("Bots, reported by (removed) from (removed) and (removed)", details.RootElement.GetProperty("reason").GetString());
        Assert.Equal("name=(removed), email=(removed), country=GB, ip=(removed)", details.RootElement.GetProperty("filter").GetString());

        // Done once: a second run finds nothing more.
        Assert.Equal(0, (await RunRetentionAsync()).AuditEntriesMinimised);
    }

    // The inbox can have a message a moment before the sender records it as sent.
    private async Task WaitUntilSentAsync(params string[] addresses)
    {
        var deadline = DateTime.UtcNow + Inbox.Patience;
        while (await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => addresses.Contains(m.ToAddress) && m.SentAt == null)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not record the emails as sent.");
            await Task.Delay(100);
        }
    }

    private Task<(int ExitCode, string Output, string Errors)> RunVerbAsync(params string[] arguments) => app.RunVerbAsync(arguments);
}
