using System.Net;
using Petitions.Core.Audit;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Staff;

// Each test writes entries as its own staff member, so the sign-ins of the other tests in the
// class never land in what it reads.
public sealed class AuditLogTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_audit_log_shows_entries_newest_first()
    {
        var actor = UniqueActor();
        await WriteAsync(actor, AuditActions.PetitionCreated, At(2026, 3, 1), "first");
        await WriteAsync(actor, AuditActions.PetitionPublished, At(2026, 3, 2), "second");
        await WriteAsync(actor, AuditActions.PetitionClosed, At(2026, 3, 3), "third");
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/audit?actor={Uri.EscapeDataString(actor.Email)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["third", "second", "first"], Details(page));
        Assert.Equal(actor.Email, page.Text("#audit-entries tbody th"));
        Assert.Equal("3 March 2026, 12:00:00", page.Text("#audit-entries tbody time"));
        Assert.Equal("2026-03-03T12:00:00Z", page.Document.QuerySelector("#audit-entries tbody time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Filtering_by_action_shows_only_that_action()
    {
        var actor = UniqueActor();
        await WriteAsync(actor, AuditActions.RulesChanged, At(2026, 4, 1), "rules one");
        await WriteAsync(actor, AuditActions.AccessListChanged, At(2026, 4, 2), "list");
        await WriteAsync(actor, AuditActions.RulesChanged, At(2026, 4, 3), "rules two");
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var unfiltered = await admin.GetAsync("/admin/audit");

        var page = await FilterAsync(admin, unfiltered, new() { ["action"] = AuditActions.RulesChanged, ["actor"] = actor.Email });

        Assert.Equal("/admin/audit", page.Url.AbsolutePath);
        Assert.Equal(["rules two", "rules one"], Details(page));
        Assert.Equal(AuditActions.RulesChanged, page.Document.QuerySelector("#action option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Filtering_by_part_of_the_actor_email_shows_only_that_staff_member()
    {
        var alice = UniqueActor("alice");
        var bob = UniqueActor("bob");
        await WriteAsync(alice, AuditActions.SignatureInvalidated, At(2026, 5, 1), "by alice");
        await WriteAsync(bob, AuditActions.SignatureInvalidated, At(2026, 5, 2), "by bob");
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/audit?actor={Uri.EscapeDataString(alice.Email[..20].ToUpperInvariant())}");

        Assert.Equal(["by alice"], Details(page));
        Assert.Equal(alice.Email[..20].ToUpperInvariant(), page.Document.QuerySelector("#actor")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Filtering_by_dates_includes_both_whole_days()
    {
        var actor = UniqueActor();
        await WriteAsync(actor, AuditActions.ExportStarted, new DateTimeOffset(2026, 6, 9, 23, 59, 59, TimeSpan.Zero), "day before");
        await WriteAsync(actor, AuditActions.ExportStarted, new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero), "first day");
        await WriteAsync(actor, AuditActions.ExportStarted, new DateTimeOffset(2026, 6, 12, 23, 59, 59, TimeSpan.Zero), "last day");
        await WriteAsync(actor, AuditActions.ExportStarted, new DateTimeOffset(2026, 6, 13, 0, 0, 0, TimeSpan.Zero), "day after");
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/audit?actor={Uri.EscapeDataString(actor.Email)}&from=2026-06-10&to=2026-06-12");

        Assert.Equal(["last day", "first day"], Details(page));
    }

    [Theory]
    [InlineData("from=yesterday", "from", "Enter the start date as a date, like 2026-11-27.")]
    [InlineData("to=2026-13-01", "to", "Enter the end date as a date, like 2026-11-27.")]
    [InlineData("from=2026-06-12&to=2026-06-10", "to", "The end date must be the same as or after the start date.")]
    [InlineData("action=no.such.action", "action", "Choose an action from the list.")]
    public async Task A_bad_filter_gets_a_message_next_to_its_field(string query, string field, string message)
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/audit?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"Error: {message}", page.Text($"#{field}-error"));
        Assert.Equal(message, page.Text($".error-summary a[href='#{field}']"));
        Assert.Equal("true", page.Document.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
        Assert.False(page.Has("#audit-entries"));
    }

    [Fact]
    public async Task Older_entries_are_a_page_away_and_no_entry_is_on_two_pages()
    {
        var actor = UniqueActor();
        var start = At(2026, 7, 1);
        // Two entries share each timestamp, so the pages must break ties by id.
        for (var i = 0; i < AuditQueries.PageSize + 6; i++)
            await WriteAsync(actor, AuditActions.SignatureApproved, start.AddMinutes(i / 2), $"entry {i}");
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var first = await admin.GetAsync($"/admin/audit?actor={Uri.EscapeDataString(actor.Email)}&action={AuditActions.SignatureApproved}");
        var olderLink = first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await admin.GetAsync(olderLink);

        Assert.Equal(AuditQueries.PageSize, Details(first).Length);
        Assert.Equal(6, Details(second).Length);
        Assert.Contains($"action={AuditActions.SignatureApproved}", olderLink);
        Assert.Equal(
            Enumerable.Range(0, AuditQueries.PageSize + 6).Select(i => $"entry {i}").Order(),
            Details(first).Concat(Details(second)).Order());
        Assert.False(second.Has("a[rel=next]"));
        Assert.True(second.Has("a:not([rel])[href*='/admin/audit']"));
    }

    [Fact]
    public async Task Moderators_cannot_read_the_audit_log_or_change_the_rules()
    {
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync("/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync("/admin/rules")).StatusCode);
    }

    // The filter form is a GET form: a browser puts its fields in the address, the way this does.
    private static async Task<Browser.WebPage> FilterAsync(Browser browser, Browser.WebPage page, Dictionary<string, string> values)
    {
        var form = page.Document.QuerySelector("main form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        var names = form.QuerySelectorAll("input[name], select[name]").Select(e => e.GetAttribute("name")!).ToHashSet();
        Assert.Subset(names, values.Keys.ToHashSet());
        var query = string.Join("&", values.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
        return await browser.GetAsync($"{form.GetAttribute("action")}?{query}");
    }

    private static Actor UniqueActor(string name = "staff") =>
        new(Guid.NewGuid().ToString(), $"{name}-{Guid.NewGuid():N}@example.org", IPAddress.Parse("198.51.100.5"));

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    private Task WriteAsync(Actor actor, string action, DateTimeOffset at, string details) => app.WithDbAsync(async db =>
    {
        db.AuditEntries.Add(new AuditEntry(actor, action, "test", details, at));
        await db.SaveChangesAsync();
    });

    private static string[] Details(Browser.WebPage page) =>
        page.Document.QuerySelectorAll("#audit-entries .audit__details").Select(td => td.TextContent).ToArray();
}
