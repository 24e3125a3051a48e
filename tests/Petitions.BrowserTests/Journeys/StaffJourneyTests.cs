using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Petitions.BrowserTests.Infrastructure;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Journeys;

public sealed class StaffJourneyTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task An_admin_signs_in_with_a_code_moderates_signatures_exports_the_pack_and_downloads_it()
    {
        var slug = await A.Petition().Open().Titled("Light the towpath").WithConfirmedSignatures(2)
            .With(A.Signature("Dana Flagged").Flagged(), A.Signature("Emeka Okafor")).BuildAsync(app);
        var (email, key) = await Staff.WithTwoFactorAsync(app, StaffRoles.Admin);
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;

        await Staff.SignInAsync(page, email, key);
        await page.GetByRole(AriaRole.Link, new() { Name = "Light the towpath", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Signatures", Exact = true }).ClickAsync();
        await Expect(page.Locator(".stats")).ToContainTextAsync("3 counted publicly");

        // Remove a signature, with a reason: it leaves the count.
        await page.GetByRole(AriaRole.Link, new() { Name = "Emeka Okafor" }).ClickAsync();
        await page.GetByLabel("Reason for invalidating").FillAsync("Signed twice under two addresses");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invalidate signature" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Signature invalidated");
        await Expect(page.Locator(".signature-counted")).ToHaveTextAsync("Not counted in the public total.");
        await Expect(page.Locator(".summary-list")).ToContainTextAsync("Signed twice under two addresses");

        // Then restore it: it counts again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore signature" }).ClickAsync();
        await Expect(page.Locator(".signature-counted")).ToHaveTextAsync("Counted in the public total.");

        // A signature the abuse rules flagged counts once a moderator approves it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Signatures: Light the towpath" }).ClickAsync();
        await page.GetByLabel("Status").SelectOptionAsync("flagged");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show signatures" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dana Flagged" }).ClickAsync();
        await Expect(page.Locator(".signature-counted")).ToHaveTextAsync("Not counted in the public total.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve signature" }).ClickAsync();
        await Expect(page.Locator(".signature-counted")).ToHaveTextAsync("Counted in the public total.");

        // The delivery pack, made in the background while the page follows its progress.
        await page.GotoAsync($"/admin/petitions/{await app.PetitionIdAsync(slug)}/export");
        await Expect(page.GetByLabel(new Regex("^PDF:"))).ToBeCheckedAsync();
        await Expect(page.GetByLabel(new Regex("^CSV of the list"))).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the export" }).ClickAsync();
        var files = page.Locator(".export__files a");
        await Expect(files).ToHaveCountAsync(2, new() { Timeout = 60_000 });

        var pdf = await DownloadAsync(page, files.Filter(new() { HasText = ".pdf" }));
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf.Content, 0, 5));
        Assert.EndsWith(".pdf", pdf.Name);
        var csv = await DownloadAsync(page, files.Filter(new() { HasText = ".csv" }));
        var lines = Encoding.UTF8.GetString(csv.Content).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // A header and the four counted signers, the restored and the approved among them.
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.Contains("Emeka Okafor", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Dana Flagged", StringComparison.Ordinal));

        await page.GotoAsync($"/petitions/{slug}");
        await Expect(page.Locator(".tally__count strong")).ToHaveTextAsync("4");
    }

    private sealed record Downloaded(string Name, byte[] Content);

    private static async Task<Downloaded> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var content = new MemoryStream();
        await stream.CopyToAsync(content);
        return new Downloaded(download.SuggestedFilename, content.ToArray());
    }
}
