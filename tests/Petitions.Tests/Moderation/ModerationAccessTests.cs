using System.Net;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Moderation;

public sealed class ModerationAccessTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    public static TheoryData<string> Routes => new()
    {
        "/admin/petitions/{petition}/signatures",
        "/admin/petitions/{petition}/signatures?status=flagged&country=GB",
        "/admin/signatures/{signature}",
        "/admin/petitions/{petition}/signatures/bulk/invalidate",
        "/admin/petitions/{petition}/signatures/bulk/restore",
        "/admin/petitions/{petition}/import",
        "/admin/petitions/{petition}/import/{batch}",
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Anonymous_visitors_are_sent_to_the_login_page_and_back(string route)
    {
        var (url, _) = await RealUrlAsync(route);
        using var anonymous = app.Browser();

        var response = await anonymous.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/login?ReturnUrl=", new Uri(app.BaseAddress, location).PathAndQuery);
        Assert.Contains(Uri.EscapeDataString(new Uri(app.BaseAddress, url).PathAndQuery), location);
    }

    [Theory]
    [InlineData("/admin/signatures/{signature}?handler=Invalidate")]
    [InlineData("/admin/petitions/{petition}/signatures/bulk/invalidate")]
    [InlineData("/admin/petitions/{petition}/import/{batch}")]
    public async Task Anonymous_posts_change_nothing(string route)
    {
        var (url, slug) = await RealUrlAsync(route);
        using var anonymous = app.Browser();

        var response = await anonymous.PostFormAsync(url, [new("reason", "spam")]);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        Assert.Equal(1, await app.PublicCountAsync(slug));
        Assert.Equal(1, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task Moderators_reach_a_petitions_signatures_and_its_import_from_the_staff_home_page()
    {
        var slug = await A.Petition().Open().Titled("Protect the meadow").With(A.Signature("Kept")).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(Core.Staff.StaffRoles.Moderator);

        var home = await moderator.GetAsync("/admin");
        var signatures = await moderator.GetAsync(home.Document.QuerySelector("a[aria-label='Signatures of Protect the meadow']")!.GetAttribute("href")!);
        var import = await moderator.GetAsync(signatures.Document.QuerySelector($"a[href='/admin/petitions/{petitionId}/import']")!.GetAttribute("href")!);

        Assert.Equal(["Kept"], signatures.Names());
        Assert.Equal(HttpStatusCode.OK, import.Status);
        Assert.StartsWith("Import paper signatures", import.Heading);
    }

    private async Task<(string Url, string Slug)> RealUrlAsync(string route)
    {
        var slug = await A.Petition().Open().With(A.Signature("Kept")).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var signatureId = await app.SignatureIdAsync(slug, "Kept");
        var batch = await app.WithDbAsync(async db =>
        {
            var b = new Core.Import.ImportBatch(petitionId, "sheet.csv", [], "someone@example.org", DateTimeOffset.UtcNow);
            db.ImportBatches.Add(b);
            await db.SaveChangesAsync();
            return b.Id;
        });
        return (route.Replace("{petition}", petitionId.ToString()).Replace("{signature}", signatureId.ToString()).Replace("{batch}", batch.ToString()), slug);
    }
}
