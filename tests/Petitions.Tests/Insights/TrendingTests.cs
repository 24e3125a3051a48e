using System.Net;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Insights;

public sealed class TrendingTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Trending_lists_the_busiest_address_and_domain_of_the_last_hour_with_links_to_their_signatures()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        await SignaturesAsync(id, "203.0.113.30", "long-ago.example", count: 6, ago: TimeSpan.FromHours(2));
        for (var i = 0; i < 3; i++)
            await SignFromAsync(slug, "203.0.113.20", $"fan{i}-{Guid.NewGuid():N}@busy.example");
        await SignFromAsync(slug, "203.0.113.21", $"one-{Guid.NewGuid():N}@quiet.example");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.GetAsync($"/admin/petitions/{id}/trending");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["203.0.113.20|3|0", "203.0.113.21|1|0"], Rows(page, "#addresses"));
        Assert.Equal(["busy.example|3|0", "quiet.example|1|0"], Rows(page, "#domains"));
        Assert.True(page.Has($"#addresses a[href='/admin/petitions/{id}/signatures?ip=203.0.113.20']"));
        Assert.True(page.Has($"#domains a[href='/admin/petitions/{id}/signatures?domain=busy.example']"));
        Assert.DoesNotContain("long-ago.example", page.MainText);
    }

    [Fact]
    public async Task Trending_counts_flagged_signatures_separately()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        await app.SetAbuseRulesAsync(burstLimit: 2, burstWindow: TimeSpan.FromMinutes(1));
        for (var i = 0; i < 4; i++)
            await SignFromAsync(slug, "203.0.113.25", SignForm.UniqueEmail());
        await app.SetAbuseRulesAsync();
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/petitions/{id}/trending");

        Assert.Equal(["203.0.113.25|4|2"], Rows(page, "#addresses"));
    }

    private static string[] Rows(Browser.WebPage page, string table) => page.Document.QuerySelectorAll($"{table} tbody tr")
        .Select(tr => string.Join("|", tr.Children.Select(cell => cell.TextContent.Trim())))
        .ToArray();

    private async Task SignFromAsync(string slug, string ip, string email)
    {
        using var browser = app.Browser();
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        Assert.Equal("Check your email", page.Heading);
    }

    private Task SignaturesAsync(int petitionId, string ip, string domain, int count, TimeSpan ago) => app.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++)
        {
            var email = $"old{i}-{Guid.NewGuid():N}@{domain}";
            db.Signatures.Add(Signature.Pending(petitionId, 1, new SignRequest
            {
                Name = $"Old {i}", Email = email, Country = "GB", Consent = true, IpAddress = System.Net.IPAddress.Parse(ip),
            }, email, DateTimeOffset.UtcNow - ago));
        }
        await db.SaveChangesAsync();
    });
}
