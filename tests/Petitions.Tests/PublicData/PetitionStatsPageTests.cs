using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.PublicData;

public sealed class PetitionStatsPageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_page_ranks_countries_in_a_table_with_a_caption_and_header_cells()
    {
        var slug = await Seeded.PetitionAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var table = page.Document.QuerySelector("#signatures-by-country")!;
        Assert.NotEmpty(table.QuerySelector("caption")!.TextContent.Trim());
        Assert.Equal(["Rank", "Country", "Signatures", "Share"], table.QuerySelectorAll("thead th[scope=col]").Select(th => th.TextContent.Trim()));
        var rows = table.QuerySelectorAll("tbody tr")
            .Select(tr => (tr.QuerySelector("th[scope=row]")!.TextContent.Trim(), tr.QuerySelectorAll("td")[1].TextContent.Trim()))
            .ToArray();
        Assert.Equal([("France", "3"), ("Brazil", "1")], rows);
    }

    [Fact]
    public async Task Countries_past_the_first_ten_are_summed_in_one_other_countries_row()
    {
        var codes = new[] { "FR", "DE", "ES", "IT", "PT", "NL", "BE", "PL", "SE", "NO", "FI", "DK" };
        var slug = await A.Petition().Open()
            .With(codes.SelectMany((code, i) => Enumerable.Range(0, codes.Length - i).Select(n => A.Signature($"Signer {code} {n}").From(code))).ToArray())
            .BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var rows = page.Document.QuerySelectorAll("#signatures-by-country tbody tr");
        Assert.Equal(11, rows.Length);
        Assert.Equal("France", rows[0].QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("Other countries (2)", rows[^1].QuerySelector("th")!.TextContent.Trim());
        // Finland 2, Denmark 1.
        Assert.Equal("3", rows[^1].QuerySelectorAll("td")[1].TextContent.Trim());
    }

    [Fact]
    public async Task The_page_draws_signatures_per_hour_as_an_svg_chart_with_a_text_alternative()
    {
        var slug = await Seeded.PetitionAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var svg = page.Document.QuerySelector(".stats svg[role=img]")!;
        var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal(["title", "desc"], labelledBy.Select(id => page.Document.GetElementById(id)!.LocalName));
        var description = page.Document.GetElementById(labelledBy[1])!.TextContent;
        Assert.Contains("4 signatures", description);
        Assert.Contains(Seeded.EarlierHour.ToString("HH:00"), description);
        Assert.Equal(2, svg.QuerySelectorAll("rect.chart__bar").Length);

        // The same figures as a table, for those who cannot see the chart.
        var hourRows = page.Document.QuerySelectorAll("#timeline-chart table tbody tr");
        Assert.Equal([Seeded.EarlierHour, Seeded.LaterHour],
            hourRows.Select(tr => DateTimeOffset.Parse(tr.QuerySelector("time")!.GetAttribute("datetime")!)));
        Assert.All(hourRows, tr => Assert.Equal("2", tr.QuerySelector("td")!.TextContent.Trim()));
    }

    [Fact]
    public async Task The_page_lists_recent_signers_who_chose_to_be_named_and_no_one_else()
    {
        var slug = await Seeded.PetitionAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var signers = page.Document.QuerySelectorAll(".signers li");
        Assert.Equal(Seeded.NamedAndCounted, signers.Select(li => li.QuerySelector("bdi")!.TextContent));
        Assert.Contains("Brazil", signers[0].TextContent);
        var stats = page.Document.QuerySelector(".stats")!.TextContent;
        foreach (var name in Seeded.NeverShown)
            Assert.DoesNotContain(name, stats);
    }

    [Fact]
    public async Task A_petition_without_signatures_says_so_instead_of_drawing_empty_figures()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        Assert.False(page.Has("#signatures-by-country"));
        Assert.False(page.Has(".signers"));
        Assert.Contains("No confirmed signatures yet.", page.Text(".stats"));
    }
}
