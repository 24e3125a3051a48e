using Petitions.BrowserTests.Infrastructure;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Journeys;

// From the petition's dashboard to the handover on record: staff fill in the delivery with a
// photo from their computer, and a supporter opening the petition sees it delivered.
public sealed class DeliveryJourneyTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Staff_record_a_delivery_with_a_photo_and_the_public_page_shows_it_delivered()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(4).BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        await Deliveries.FinishedExportAsync(app, id, 4, new string('c', 64));
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;
        await Staff.SignInAsAdminAsync(app, page);

        await page.GotoAsync($"/admin/petitions/{id}");
        await page.Locator("nav.lifecycle a[href$='/delivery']").ClickAsync();
        await page.Locator("#Input_On").FillAsync("2026-11-30");
        await page.Locator("#Input_Place").FillAsync("Embassy of the People's Republic of China, 49 Portland Place, London");
        await page.Locator("#Input_By").FillAsync("Save the River campaigners");
        await Expect(page.Locator("input[name='Input.ExportJobId']").First).ToBeCheckedAsync();
        await page.Locator("#photo").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "handover.jpg", MimeType = "image/jpeg", Buffer = Photos.JpegWithExif(1000, 600),
        });
        await page.Locator("form[enctype] button[type=submit]").ClickAsync();
        await Expect(page.Locator(".notice--success")).ToHaveTextAsync("The delivery on 30 November 2026 is recorded.");
        await Expect(page.Locator(".delivery-photo--staff img")).ToBeVisibleAsync();

        await using var supporter = await chromium.OpenAsync(app);
        await supporter.Page.GotoAsync($"/petitions/{slug}");
        var delivered = supporter.Page.Locator(".delivered");
        await Expect(delivered.Locator("h2")).ToHaveTextAsync("Delivered");
        await Expect(delivered.Locator(".delivered__count")).ToHaveTextAsync("4");
        await Expect(delivered.Locator(".delivered__hash")).ToHaveTextAsync(new string('c', 64));
        var photo = delivered.Locator(".delivery-photo img");
        await Expect(photo).ToHaveAttributeAsync("alt", "The petition being handed to The Minister for Rivers at Embassy of the People's Republic of China, 49 Portland Place, London on 30 November 2026");
        // Loaded and decoded by the browser, at the size the page reserved for it.
        await Expect(photo).ToHaveJSPropertyAsync("naturalWidth", 1000);
        await Expect(supporter.Page.Locator("#sign")).ToHaveCountAsync(0);
    }
}
