using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Staff;

// Walks every page of the admin area, as the app itself lists them, so a new page cannot be
// added without being checked: anonymous visitors are sent to sign in, Moderators get 403 on
// Admin-only pages, and Admins can open everything.
public sealed class AdminAuthorizationTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly string[] AdminOnlyFolders = ["/Publishing/", "/Abuse/", "/Audit/", "/Staff/", "/Delivery/", "/Updates/"];

    private sealed record AdminPage(string Route, string ViewPath, bool Anonymous)
    {
        public bool AdminOnly => AdminOnlyFolders.Any(f => ViewPath.StartsWith(f, StringComparison.Ordinal));
        public override string ToString() => Route;
    }

    private IReadOnlyList<AdminPage> AdminPages()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(x => x.Page is { AreaName: "Admin" })
            .Select(x => new AdminPage("/" + x.Endpoint.RoutePattern.RawText!.TrimStart('/'), x.Page!.ViewEnginePath,
                x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .DistinctBy(p => p.Route)
            .OrderBy(p => p.Route)
            .ToArray();
    }

    private async Task<Func<string, string>> RouteFillerAsync()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var signatureId = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == petitionId).Select(s => s.Id).FirstAsync());
        var batch = new Core.Import.ImportBatch(petitionId, "paper.csv", [], "test", DateTimeOffset.UtcNow);
        await app.WithDbAsync(async db => { db.ImportBatches.Add(batch); await db.SaveChangesAsync(); });
        var update = Core.Updates.PetitionUpdate.Draft(petitionId, "News", "Some news.", Core.Updates.UpdateAudience.Subscribers, "test", DateTimeOffset.UtcNow);
        await app.WithDbAsync(async db => { db.PetitionUpdates.Add(update); await db.SaveChangesAsync(); });
        return route => System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}]*)?\??\}", m =>
            m.Groups[1].Value == "updateId" ? update.Id.ToString()
            : m.Groups[2].Value.Contains("long") ? signatureId.ToString()
            : m.Groups[2].Value.Contains("guid") ? batch.Id.ToString()
            : m.Groups[1].Value == "change" ? "invalidate"
            : m.Groups[1].Value == "language" ? "ko"
            : petitionId.ToString());
    }

    [Fact]
    public async Task The_admin_area_has_the_pages_this_test_expects_to_walk()
    {
        var routes = AdminPages().Select(p => p.Route).ToArray();
        Assert.Contains("/admin", routes);
        Assert.Contains("/admin/login", routes);
        Assert.Contains("/admin/staff", routes);
        Assert.Contains("/admin/petitions/new", routes);
        Assert.True(routes.Length >= 8, string.Join(", ", routes));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_staff_page()
    {
        var fill = await RouteFillerAsync();
        using var browser = app.Browser();
        foreach (var page in AdminPages().Where(p => !p.Anonymous))
        {
            var get = await browser.Http.GetAsync(fill(page.Route));
            Assert.True(get.StatusCode == HttpStatusCode.Redirect, $"GET {page.Route}: {get.StatusCode}");
            Assert.StartsWith("/admin/login", get.Headers.Location!.PathAndQuery);
            var post = await browser.Http.PostAsync(fill(page.Route), new FormUrlEncodedContent([]));
            Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"POST {page.Route}: {post.StatusCode}");
            if (post.StatusCode == HttpStatusCode.Redirect)
                Assert.StartsWith("/admin/login", post.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Moderators_open_every_staff_page_and_get_403_on_every_admin_page()
    {
        var fill = await RouteFillerAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        foreach (var page in AdminPages().Where(p => !p.Anonymous))
        {
            var get = await moderator.Http.GetAsync(fill(page.Route));
            var expected = page.AdminOnly ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(get.StatusCode == expected, $"GET {page.Route} ({page.ViewPath}) as Moderator: {get.StatusCode}, expected {expected}");
            if (page.AdminOnly)
            {
                var post = await moderator.Http.PostAsync(fill(page.Route), new FormUrlEncodedContent([]));
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {page.Route} as Moderator: {post.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Admins_open_every_admin_page()
    {
        var fill = await RouteFillerAsync();
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        foreach (var page in AdminPages().Where(p => !p.Anonymous && !p.Route.EndsWith("/logout")))
        {
            var get = await admin.Http.GetAsync(fill(page.Route));
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {page.Route} as Admin: {get.StatusCode}");
        }
    }
}
