using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Languages;

// Staff read country names in their own language wherever a page names a country: the dashboard's
// table, the country filter and one signature's page. The codes beside them stay as they are.
public sealed class StaffCountryNamesTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task A_Korean_moderator_reads_country_names_in_Korean_on_the_dashboard_the_filter_and_a_signature()
    {
        var slug = await A.Petition().Open().With([A.Signature("Kim Minjun").From("KR"), A.Signature("Jane Smith").From("GB")]).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Admin);
        moderator.Http.DefaultRequestHeaders.Add("Accept-Language", "ko");

        var dashboard = await moderator.GetAsync($"/admin/petitions/{petitionId}");
        var countries = dashboard.Document.QuerySelectorAll("#top-countries tbody th").Select(th => th.TextContent.Trim()).ToArray();
        Assert.Contains("대한민국", countries);
        Assert.Contains("영국", countries);
        Assert.Equal("최근 7일간 시간대별 서명(UTC)", dashboard.Text("#hourly-chart-title"));

        var list = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures");
        Assert.Equal("대한민국 (KR)", list.Document.QuerySelector("#country option[value=KR]")!.TextContent.Trim());
        var review = list.Document.QuerySelectorAll("table.signatures tbody a").First(a => a.TextContent.Contains("Kim Minjun")).GetAttribute("href")!;

        var signature = await moderator.GetAsync(review);
        Assert.Contains("대한민국 (KR)", signature.Text("main"));
    }
}
