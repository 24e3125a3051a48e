using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Moderation;

public sealed class SignatureListTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    // One of each kind of signature a moderator meets, oldest first.
    private static PetitionBuilder PetitionWithEveryKindOfSignature() => A.Petition().Open().With(
        A.Signature("Eve Paper").OnPaper().WithoutEmail().From("GB", "Leeds").SignedOn("2026-01-05"),
        A.Signature("Alice Confirmed").WithEmail("alice@one.example").From("GB", "London").FromIp("203.0.113.7").SignedOn("2026-01-10"),
        A.Signature("Bob Pending").Pending().WithEmail("bob@two.example").From("FR").FromIp("203.0.113.200").SignedOn("2026-01-11"),
        A.Signature("Carla Flagged").Flagged().WithEmail("carla@two.example").From("DE").FromIp("198.51.100.5").SignedOn("2026-01-12"),
        A.Signature("Dmitri Invalidated").Invalidated().WithEmail("dmitri@three.example").From("UA").FromIp("2001:db8::1").SignedOn("2026-01-13"),
        A.Signature("Frank Pending Flagged").Pending().Flagged().WithEmail("f.rank+petitions@gmail.com").From("GB").FromIp("203.0.113.8").SignedOn("2026-01-14"),
        A.Signature("Gita Mapped").WithEmail("gita@one.example").From("IN").FromIp("::ffff:203.0.113.9").SignedOn("2026-01-15"));

    public static TheoryData<string, string[]> Filters => new()
    {
        { "", ["Gita Mapped", "Frank Pending Flagged", "Dmitri Invalidated", "Carla Flagged", "Bob Pending", "Alice Confirmed", "Eve Paper"] },
        { "status=pending", ["Bob Pending"] },
        { "status=confirmed", ["Gita Mapped", "Alice Confirmed", "Eve Paper"] },
        { "status=flagged", ["Frank Pending Flagged", "Carla Flagged"] },
        { "status=invalidated", ["Dmitri Invalidated"] },
        { "name=CARL", ["Carla Flagged"] },
        { "name=100%25", [] },
        { "email=Alice%40One.Example", ["Alice Confirmed"] },
        { "email=frank%40googlemail.com", ["Frank Pending Flagged"] },
        { "email=two.ex", ["Carla Flagged", "Bob Pending"] },
        { "domain=one.example", ["Gita Mapped", "Alice Confirmed"] },
        { "domain=%40GMAIL.com", ["Frank Pending Flagged"] },
        { "country=GB", ["Frank Pending Flagged", "Alice Confirmed", "Eve Paper"] },
        { "country=ua", ["Dmitri Invalidated"] },
        { "ip=203.0.113.7", ["Alice Confirmed"] },
        { "ip=203.0.113.0/24", ["Gita Mapped", "Frank Pending Flagged", "Bob Pending", "Alice Confirmed"] },
        { "ip=203.0.113.0/29", ["Alice Confirmed"] },
        { "ip=203.0.113.8/29", ["Gita Mapped", "Frank Pending Flagged"] },
        { "ip=203.0.113.9", ["Gita Mapped"] },
        { "ip=2001:db8::/32", ["Dmitri Invalidated"] },
        { "from=2026-01-11&to=2026-01-12", ["Carla Flagged", "Bob Pending"] },
        { "from=2026-01-14", ["Gita Mapped", "Frank Pending Flagged"] },
        { "to=2026-01-05", ["Eve Paper"] },
        { "status=flagged&country=GB", ["Frank Pending Flagged"] },
        { "status=confirmed&domain=one.example&ip=203.0.113.0/24&from=2026-01-10&to=2026-01-10", ["Alice Confirmed"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_shows_exactly_the_signatures_it_matches_newest_first(string query, string[] expected)
    {
        var slug = await PetitionWithEveryKindOfSignature().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.False(page.Has(".error-summary"), page.Text(".error-summary"));
        Assert.Equal(expected, page.Names());
    }

    [Fact]
    public async Task The_filter_form_works_without_javascript_and_keeps_what_was_chosen()
    {
        var slug = await PetitionWithEveryKindOfSignature().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var list = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures");

        // A GET form: the browser puts the fields in the address, as this does.
        var form = list.Document.QuerySelector("form.filters")!;
        Assert.Equal("get", form.GetAttribute("method"));
        var page = await moderator.GetAsync($"{form.GetAttribute("action")}?status=flagged&country=DE&name=&email=&domain=&ip=&from=&to=");

        Assert.Equal(["Carla Flagged"], page.Names());
        Assert.Equal("flagged", page.Document.QuerySelector("#status option[selected]")!.GetAttribute("value"));
        Assert.Equal("DE", page.Document.QuerySelector("#country option[selected]")!.GetAttribute("value"));
        Assert.Equal("Status", page.Text("label[for=status]"));
    }

    [Fact]
    public async Task Rows_show_status_badges_and_the_details_a_moderator_needs()
    {
        var slug = await PetitionWithEveryKindOfSignature().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?name=Frank");

        var row = page.Document.QuerySelector("table.signatures tbody tr")!;
        var cells = row.Children.Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["Pending", "Flagged"], row.QuerySelectorAll(".status").Select(b => b.TextContent.Trim()));
        Assert.Equal(["Frank Pending Flagged", "f.rank+petitions@gmail.com", "GB", "–", "203.0.113.8", "14 January 2026, 12:00", "Online"], cells[1..]);
        Assert.Equal(["Status", "Name", "Email", "Country", "City", "IP address", "Signed (UTC)", "Source"],
            page.Document.QuerySelectorAll("table.signatures thead th[scope=col]").Select(th => th.TextContent.Trim()));
        Assert.True(page.Has("table.signatures caption"));
        var paper = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?name=Eve");
        Assert.Equal("Paper", paper.Document.QuerySelector("table.signatures tbody tr td:last-child")!.TextContent.Trim());
        Assert.Equal("203.0.113.9", (await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?name=Gita"))
            .Document.QuerySelector("table.signatures tbody tr td:nth-child(6)")!.TextContent.Trim());
    }

    public static TheoryData<string, string, string> BadFilters => new()
    {
        { "ip=203.0.113.0/33", "ip", "Enter an IP address like 203.0.113.7, or a range in CIDR form like 203.0.113.0/24." },
        { "ip=300.1.2.3", "ip", "Enter an IP address like 203.0.113.7, or a range in CIDR form like 203.0.113.0/24." },
        { "ip=10", "ip", "Enter an IP address like 203.0.113.7, or a range in CIDR form like 203.0.113.0/24." },
        { "from=2026-02-01&to=2026-01-01", "to", "The end date must be the same as or later than the start date." },
        { "from=yesterday", "from", "Enter the start date as YYYY-MM-DD, like 2026-11-27." },
        { "to=2026-13-01", "to", "Enter the end date as YYYY-MM-DD, like 2026-11-27." },
        { "status=deleted", "status", "Choose a status from the list." },
        { "status=1", "status", "Choose a status from the list." },
        { "country=ZZ", "country", "Choose a country from the list." },
        { "domain=not a domain", "domain", "Enter an email domain like example.org." },
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task A_bad_filter_gets_a_message_next_to_its_field_never_a_500(string query, string fieldId, string message)
    {
        var slug = await PetitionWithEveryKindOfSignature().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"Error: {message}", page.Text($"#{fieldId}-error"));
        Assert.Equal(message, page.Text($".error-summary a[href='#{fieldId}']"));
        Assert.Equal("true", page.Document.QuerySelector($"#{fieldId}")!.GetAttribute("aria-invalid"));
        Assert.Empty(page.Names());
    }

    [Fact]
    public async Task Keyset_paging_shows_every_signature_exactly_once_fifty_to_a_page()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(123).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var pages = new List<long[]>();
        string? next = $"/admin/petitions/{petitionId}/signatures";
        while (next is not null)
        {
            var page = await moderator.GetAsync(next);
            pages.Add(page.Ids());
            next = page.Link("next");
            Assert.True(pages.Count < 10, "The next links never ended.");
        }

        Assert.Equal([50, 50, 23], pages.Select(p => p.Length));
        var all = pages.SelectMany(p => p).ToArray();
        Assert.Equal(123, all.Distinct().Count());
        Assert.Equal(all.OrderByDescending(id => id), all);
    }

    [Fact]
    public async Task Next_and_previous_links_carry_the_filter_and_lead_back_to_the_same_rows()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(70).With(
            Enumerable.Range(0, 60).Select(i => A.Signature($"Flagged {i}").Flagged()).ToArray()).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var first = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?status=flagged");
        Assert.Null(first.Link("prev"));
        Assert.Contains("status=flagged", first.Link("next"));
        Assert.DoesNotContain("offset", first.Link("next"));

        var second = await moderator.GetAsync(first.Link("next")!);
        Assert.Equal(10, second.Names().Length);
        Assert.All(second.Names(), name => Assert.StartsWith("Flagged", name));
        Assert.Null(second.Link("next"));

        var backToFirst = await moderator.GetAsync(second.Link("prev")!);
        Assert.Equal(first.Ids(), backToFirst.Ids());
        Assert.Null(backToFirst.Link("prev"));
    }

    [Fact]
    public async Task A_date_range_lists_by_signing_time_and_pages_through_every_signature_once()
    {
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var slug = await A.Petition().Open().With(
        [
            A.Signature("Just before").SignedOn("2026-01-31"),
            .. Enumerable.Range(0, 70).Select(i => A.Signature($"Online {i}").SignedAt(start.AddMinutes(i * 61))),
            // Typed in later but signed on the 2nd, all at the same midnight: ties broken by id.
            .. Enumerable.Range(0, 8).Select(i => A.Signature($"Paper {i}").OnPaper().WithoutEmail().SignedOn("2026-02-02")),
            A.Signature("Just after").SignedOn("2026-02-04"),
        ]).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var pages = new List<Browser.WebPage> { await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?from=2026-02-01&to=2026-02-03") };
        while (pages[^1].Link("next") is { } next)
            pages.Add(await moderator.GetAsync(next));

        var expected = await app.WithDbAsync(db => db.Signatures
            .Where(s => s.PetitionId == petitionId && s.SignedAt >= start && s.SignedAt < start.AddDays(3))
            .OrderByDescending(s => s.SignedAt).ThenByDescending(s => s.Id).Select(s => s.Id).ToListAsync());
        Assert.Equal([50, 28], pages.Select(p => p.Ids().Length));
        Assert.Equal(expected, pages.SelectMany(p => p.Ids()));
        Assert.Contains("from=2026-02-01", pages[0].Link("next"));
        Assert.Equal(pages[0].Ids(), (await moderator.GetAsync(pages[1].Link("prev")!)).Ids());
    }

    [Fact]
    public async Task An_unknown_petition_is_a_404()
    {
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var page = await moderator.GetAsync("/admin/petitions/999999/signatures");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
