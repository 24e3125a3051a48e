using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Audit;
using Petitions.Core.Delivery;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Faults;

// Two app instances on one database and one mail server, as behind a load balancer that sends
// each request wherever it likes. Both run every background worker: the outbox sender, the export
// worker and the retention job.
public sealed class TwoInstancesTests(TwoInstancesTests.TwoInstances app) : IClassFixture<TwoInstancesTests.TwoInstances>
{
    public sealed class TwoInstances : PetitionsApp
    {
        public Instance Second { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Second = StartInstance();
        }

        public override async ValueTask DisposeAsync()
        {
            await Second.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private static readonly Dictionary<string, string?> NoFields = [];

    private Uri[] Instances => [app.BaseAddress, app.Second.BaseAddress];

    // The same page as if the other instance had served it: its form is sent there.
    private Browser.WebPage OnOther(Browser.WebPage page)
    {
        var other = page.Url.Port == app.BaseAddress.Port ? app.Second.BaseAddress : app.BaseAddress;
        return page with { Url = new Uri(other, page.Url.PathAndQuery) };
    }

    [Fact]
    public async Task Signing_and_confirming_through_both_instances_counts_each_signature_once_and_sends_each_email_once()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        // On, so that a form timestamp the other instance cannot read would flag the signature.
        await app.SetAbuseRulesAsync(minimumFillTime: TimeSpan.FromMilliseconds(1));
        var emails = Enumerable.Range(0, 12).Select(i => SignForm.UniqueEmail($"both{i}")).ToList();

        await Task.WhenAll(emails.Select(async (email, i) =>
        {
            // Form from one instance, posted to the other: the antiforgery token and the form's
            // timestamp were both made with the shared key ring.
            using var browser = new Browser(Instances[i % 2]);
            var form = await browser.GetAsync($"/petitions/{slug}");
            var page = await browser.SubmitAsync(OnOther(form), SignForm.Valid(email));
            Assert.Equal("Check your email", page.Heading);

            var path = new Uri(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email, "Please confirm"))).PathAndQuery;
            var confirmPage = await browser.GetAsync(new Uri(Instances[i % 2], path).ToString());
            var confirmed = await browser.SubmitAsync(OnOther(confirmPage), NoFields);
            Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);
        }));

        // An instance learns of confirmations made on the other only when its cached copy of the
        // petition expires (PublicCacheOptions.Lifetime, one second): within two seconds, both say 12.
        foreach (var instance in Instances)
        {
            using var reader = new Browser(instance);
            await Eventually.TrueAsync(async () => (await reader.GetAsync($"/petitions/{slug}")).Text(".tally__count strong") == "12",
                TimeSpan.FromSeconds(2), $"the count of 12 on {instance}");
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.Email!.StartsWith("both") && s.FlagReason != null)));

        // Each supporter gets the confirmation email and the confirmed email, once each.
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress.StartsWith("both"))
            .AllAsync(m => m.SentAt != null && m.LockedUntil == null)), TimeSpan.FromSeconds(30), "all emails sent");
        var received = app.Mail.Messages.Where(m => emails.Contains(m.To)).ToList();
        Assert.Equal(24, received.Count);
        Assert.Equal(24, received.Select(m => m.MessageId).Distinct().Count());
        Assert.All(emails, email => Assert.Equal(2, app.Inbox.To(email).Count));
    }

    [Fact]
    public async Task A_confirmation_on_one_instance_shows_on_the_others_page_and_api_within_two_seconds()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var reader = new Browser(app.BaseAddress);
        // The first instance has the petition cached, with no signatures.
        Assert.Equal("0", (await reader.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
        Assert.Equal(0, (await reader.Http.GetFromJsonAsync<CountJson>($"/api/petitions/{slug}"))!.SignatureCount);

        using var supporter = new Browser(app.Second.BaseAddress);
        var email = SignForm.UniqueEmail("elsewhere");
        await supporter.SubmitAsync(await supporter.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var path = new Uri(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email, "Please confirm"))).PathAndQuery;
        var confirmed = await supporter.SubmitAsync(await supporter.GetAsync(path), NoFields);
        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);

        await Eventually.TrueAsync(async () =>
                (await reader.GetAsync($"/petitions/{slug}")).Text(".tally__count strong") == "1"
                && (await reader.Http.GetFromJsonAsync<CountJson>($"/api/petitions/{slug}"))!.SignatureCount == 1,
            TimeSpan.FromSeconds(2), "the confirmation on the first instance's page and API");
    }

    private sealed record CountJson(long SignatureCount);

    [Fact]
    public async Task A_staff_sign_in_and_a_form_from_one_instance_are_accepted_by_the_other()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var second = app.Second.BaseAddress;

        var landing = await admin.GetAsync(new Uri(second, "/admin").ToString());
        Assert.Equal(HttpStatusCode.OK, landing.FirstStatus);
        Assert.Equal("Petitions", landing.Heading);

        var invitee = $"invitee-{Guid.NewGuid():N}@example.org";
        var staffPage = await admin.GetAsync("/admin/staff");
        var invited = await admin.SubmitAsync(OnOther(staffPage),
            new Dictionary<string, string?> { ["Input.Email"] = invitee, ["Input.Role"] = StaffRoles.Moderator }, "form[action*='Invite']");
        Assert.Equal(HttpStatusCode.Redirect, invited.FirstStatus);
        await app.Inbox.WaitForAsync(invitee);

        // And back: the session renewed by the second instance still works on the first.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/staff")).FirstStatus);
    }

    [Fact]
    public async Task Exports_queued_on_both_instances_each_run_once()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(5).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var actor = new Actor(null, "admin@example.org", IPAddress.Loopback);
        var jobs = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var services = i % 2 == 0 ? app.Services : app.Second.Services;
            await using var scope = services.CreateAsyncScope();
            var started = await scope.ServiceProvider.GetRequiredService<ExportJobs>()
                .StartAsync(petitionId, new ExportRequest(ExportFormats.Csv | ExportFormats.Pdf, null), actor, CancellationToken.None);
            jobs.Add(Assert.IsType<ExportStartResult.Started>(started).JobId);
        }

        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.ExportJobs.Where(j => jobs.Contains(j.Id)).AllAsync(j => j.Status == ExportStatus.Done || j.Status == ExportStatus.Failed)),
            TimeSpan.FromSeconds(90), "every export finished");

        var finished = await app.WithDbAsync(db => db.ExportJobs.AsNoTracking().Where(j => jobs.Contains(j.Id)).ToListAsync());
        Assert.All(finished, job =>
        {
            Assert.Equal(ExportStatus.Done, job.Status);
            // Claimed once: neither instance started a job the other held.
            Assert.Equal(1, job.Attempts);
            Assert.Equal(5, job.SignatureCount);
            var folder = Path.Combine(app.ExportDirectory, job.Folder);
            Assert.Equal(job.Files.Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        });
        Assert.Single(finished.Select(j => j.Sha256).Distinct());
    }

    [Fact]
    public async Task Retention_run_by_both_instances_at_once_does_each_thing_once_and_fails_on_neither()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(40).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var actor = new Actor(null, "admin@example.org", IPAddress.Loopback);
        var jobs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var started = await app.WithServiceAsync<ExportJobs, ExportStartResult>(exports =>
                exports.StartAsync(petitionId, new ExportRequest(ExportFormats.Csv, null), actor, CancellationToken.None));
            jobs.Add(Assert.IsType<ExportStartResult.Started>(started).JobId);
        }
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.ExportJobs.Where(j => jobs.Contains(j.Id)).AllAsync(j => j.Status == ExportStatus.Done)),
            TimeSpan.FromSeconds(60), "the exports finished");
        await Privacy.PrivacyJourney.MarkDeliveredAsync(app, slug, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-31));

        // As the two instances' schedules would, if they came round at the same moment.
        var reports = await Task.WhenAll(
            RunRetentionAsync(app.Services),
            RunRetentionAsync(app.Second.Services));

        Assert.Equal(40, reports.Sum(r => r.Anonymised));
        Assert.Equal(0, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.PetitionId == petitionId && s.Name != "")));
        Assert.Empty(await app.WithDbAsync(db => db.ExportJobs.Where(j => j.PetitionId == petitionId).ToListAsync()));
        Assert.All(jobs, id => Assert.False(Directory.Exists(Path.Combine(app.ExportDirectory, $"job-{id}"))));
        using var reader = new Browser(app.Second.BaseAddress);
        Assert.Equal("40", (await reader.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
    }

    private static async Task<Core.Privacy.RetentionReport> RunRetentionAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Core.Privacy.RetentionJob>().RunAsync(CancellationToken.None);
    }
}
