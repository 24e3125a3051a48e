using System.Net;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Staff;

public sealed class SignInTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Anonymous_visitors_to_the_admin_area_are_sent_to_the_login_page()
    {
        using var browser = app.Browser();
        var response = await browser.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Staff_sign_in_and_see_the_petitions()
    {
        using var browser = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var page = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Petitions", page.Heading);
    }
}
