using System.Net;
using Microsoft.AspNetCore.Hosting;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Hardening;

// The captured-mail page shows every email the app sent, confirmation links included. It exists
// for the zero-configuration local run and must never be reachable on a deployed site, even one
// left without an SMTP server (which captures mail in-process just the same).
public sealed class DevelopmentPagesTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    [InlineData("Staging", HttpStatusCode.NotFound)]
    public async Task Captured_mail_with_its_confirmation_links_is_shown_only_in_development(string environment, HttpStatusCode expected)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        // Production refuses to start without its public address.
        await using var instance = app.StartInstance(b => b.UseEnvironment(environment).UseSetting("Smtp:Host", "")
            .UseSetting("App:BaseUrl", "http://petitions.test"));
        using var browser = new Browser(instance.BaseAddress);
        var form = await browser.GetAsync($"/petitions/{slug}");
        var email = SignForm.UniqueEmail("dev-mail");
        Assert.Equal("Check your email", (await browser.SubmitAsync(form, SignForm.Valid(email))).Heading);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Browser.WebPage page;
        // Mail goes out in the background; in Development the page lists it once it has been caught.
        while (true)
        {
            page = await browser.GetAsync("/dev/mail");
            if (page.Status != HttpStatusCode.OK || page.MainText.Contains(email) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(200);
        }

        Assert.Equal(expected, page.Status);
        if (expected == HttpStatusCode.OK)
            Assert.Contains(email, page.MainText);
        else
            Assert.DoesNotContain(email, page.Html);
    }
}
