using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Publishing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using SkiaSharp;

namespace Petitions.Tests.Delivery;

public sealed class DeliveryRecordTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");
    private const string Embassy = "Embassy of the People's Republic of China, 49 Portland Place, London";

    private static Dictionary<string, string?> Handover(string? place = Embassy, string? on = "2026-11-30", string? by = "Save the River campaigners") =>
        new() { ["Input.On"] = on, ["Input.Place"] = place, ["Input.By"] = by };

    private async Task<(string Slug, int Id, Browser Admin)> OpenPetitionWithExportAsync(long signatures = 3)
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures((int)signatures).BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        await Deliveries.FinishedExportAsync(app, id, signatures);
        return (slug, id, await app.StaffBrowserAsync(StaffRoles.Admin));
    }

    private async Task<JsonElement> ApiAsync(string slug)
    {
        using var browser = app.Browser();
        return JsonDocument.Parse(await browser.Http.GetStringAsync($"/api/petitions/{slug}")).RootElement;
    }

    private Task<bool> PhotoStoredAsync(int id) => app.WithDbAsync(db => db.DeliveryPhotos.AnyAsync(p => p.PetitionId == id));

    [Fact]
    public async Task Recording_a_delivery_keeps_place_who_and_export_closes_the_petition_is_audited_and_shows_on_the_page_and_in_the_api()
    {
        var (slug, id, admin) = await OpenPetitionWithExportAsync();
        using var _ = admin;
        var older = await Deliveries.FinishedExportAsync(app, id, 2, new string('a', 64), DateTimeOffset.UtcNow.AddDays(-2));
        var newest = await Deliveries.FinishedExportAsync(app, id, 3, new string('b', 64));

        var form = await admin.GetAsync($"/admin/petitions/{id}/delivery");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        // The newest finished export is chosen unless staff choose another.
        Assert.Equal(newest.ToString(), form.Document.QuerySelector("input[name='Input.ExportJobId']:checked")?.GetAttribute("value"));
        Assert.Contains(new string('a', 64), form.Text("fieldset"));

        var saved = await Deliveries.SubmitAsync(admin, form, new Dictionary<string, string?>(Handover()) { ["Input.ExportJobId"] = older.ToString() });

        Assert.Equal("The delivery on 30 November 2026 is recorded.", saved.Text(".notice--success"));
        var petition = await app.WithDbAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((PetitionStatus.Delivered, new DateOnly(2026, 11, 30), Embassy, "Save the River campaigners", (long?)older, (long?)2, new string('a', 64)),
            (petition.Status, petition.DeliveredOn!.Value, petition.DeliveryPlace, petition.DeliveredBy, petition.DeliveredExportJobId, petition.DeliveredSignatureCount, petition.DeliveredSha256));
        Assert.NotNull(petition.ClosedAt);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").Select(a => new { a.Action, a.Details }).SingleAsync());
        Assert.Equal(AuditActions.PetitionDelivered, audit.Action);
        Assert.Contains("delivery recorded: 2026-11-30 at " + Embassy, audit.Details);

        using var reader = app.Browser();
        var page = await reader.GetAsync($"/petitions/{slug}");
        Assert.Equal("Delivered", page.Text(".delivered h2"));
        Assert.Equal("30 November 2026", page.Text(".delivered time"));
        Assert.Equal(Embassy, page.Text(".delivered__place"));
        Assert.Equal("Save the River campaigners", page.Text(".delivered__by"));
        Assert.Equal("2", page.Text(".delivered__count"));
        Assert.Equal(new string('a', 64), page.Text(".delivered__hash"));
        Assert.Equal("/verifying-a-delivery", page.Document.QuerySelector(".delivered a")!.GetAttribute("href"));
        Assert.False(page.Has("#sign"));
        Assert.False(page.Has(".delivery-photo"));
        Assert.Equal("Checking a delivered petition", (await reader.GetAsync("/verifying-a-delivery")).Heading);

        var api = await ApiAsync(slug);
        Assert.Equal("2026-11-30", api.GetProperty("deliveredAt").GetString());
        Assert.Equal(2, api.GetProperty("deliveredCount").GetInt64());
        Assert.Equal(new string('a', 64), api.GetProperty("deliveredListSha256").GetString());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("response").ValueKind);
        Assert.False(api.GetProperty("isOpen").GetBoolean());
    }

    [Fact]
    public async Task An_open_petition_shows_no_delivery_in_the_api()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var api = await ApiAsync(slug);
        Assert.Equal(JsonValueKind.Null, api.GetProperty("deliveredAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, api.GetProperty("deliveredCount").ValueKind);
        Assert.Equal(JsonValueKind.Null, api.GetProperty("deliveredListSha256").ValueKind);
        Assert.Equal(JsonValueKind.Null, api.GetProperty("response").ValueKind);
    }

    [Fact]
    public async Task A_phone_photo_with_a_gps_position_is_served_upright_resized_and_without_any_exif()
    {
        var (slug, id, admin) = await OpenPetitionWithExportAsync();
        using var _ = admin;
        // Stored sideways, as phones do, with "turn 90° clockwise" in its EXIF block.
        var upload = Photos.JpegWithExif(2400, 1200, orientation: 6);
        Assert.Contains(Photos.GpsPlace, Encoding.ASCII.GetString(upload));

        var saved = await Deliveries.SubmitAsync(admin, await admin.GetAsync($"/admin/petitions/{id}/delivery"), Handover(),
            ("handover.jpg", upload, "image/jpeg"));
        Assert.True(saved.Has(".notice--success"), saved.MainText);

        using var reader = app.Browser();
        var page = await reader.GetAsync($"/petitions/{slug}");
        var img = page.Document.QuerySelector(".delivery-photo img")!;
        Assert.Equal(("800", "1600"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal($"The petition being handed to The Minister for Rivers at {Embassy} on 30 November 2026", img.GetAttribute("alt"));

        var response = await reader.Http.GetAsync(img.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("max-age", response.Headers.CacheControl!.ToString());
        var served = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.ASCII.GetString(served);
        Assert.DoesNotContain("Exif", text);
        Assert.DoesNotContain(Photos.GpsPlace, text);
        Assert.False(HasSegment(served, 0xE1), "The served JPEG has an APP1 (EXIF/XMP) segment.");

        using var bitmap = SKBitmap.Decode(served);
        Assert.Equal((800, 1600), (bitmap.Width, bitmap.Height));
        // Upright: the picture's left half (red) is now on top, its right half (blue) below.
        Assert.True(bitmap.GetPixel(400, 200).Red > 200 && bitmap.GetPixel(400, 200).Blue < 60, bitmap.GetPixel(400, 200).ToString());
        Assert.True(bitmap.GetPixel(400, 1400).Blue > 200 && bitmap.GetPixel(400, 1400).Red < 60, bitmap.GetPixel(400, 1400).ToString());
    }

    [Fact]
    public async Task A_png_is_accepted_served_as_jpeg_and_a_later_photo_replaces_it_until_it_is_removed()
    {
        var (slug, id, admin) = await OpenPetitionWithExportAsync();
        using var _ = admin;
        var url = $"/admin/petitions/{id}/delivery";

        await Deliveries.SubmitAsync(admin, await admin.GetAsync(url), Handover(), ("handover.png", Photos.Encode(300, 200, SKEncodedImageFormat.Png), "image/png"));
        using var reader = app.Browser();
        var first = (await reader.GetAsync($"/petitions/{slug}")).Document.QuerySelector(".delivery-photo img")!;
        Assert.Equal(("300", "200"), (first.GetAttribute("width"), first.GetAttribute("height")));
        using (var png = SKCodec.Create(new MemoryStream(await reader.Http.GetByteArrayAsync(first.GetAttribute("src")))))
            Assert.Equal(SKEncodedImageFormat.Jpeg, png.EncodedFormat);

        await Task.Delay(1100);
        var corrected = await Deliveries.SubmitAsync(admin, await admin.GetAsync(url), Handover(place: "Portcullis House, London"),
            ("second.jpg", Photos.Encode(640, 480), "image/jpeg"));
        Assert.Equal("The delivery record is corrected.", corrected.Text(".notice--success"));
        var second = (await reader.GetAsync($"/petitions/{slug}")).Document.QuerySelector(".delivery-photo img")!;
        Assert.Equal(("640", "480"), (second.GetAttribute("width"), second.GetAttribute("height")));
        Assert.NotEqual(first.GetAttribute("src"), second.GetAttribute("src"));
        Assert.Equal(1, await app.WithDbAsync(db => db.DeliveryPhotos.CountAsync(p => p.PetitionId == id)));

        var removed = await Deliveries.SubmitAsync(admin, await admin.GetAsync(url), new Dictionary<string, string?>(Handover(place: "Portcullis House, London")) { ["Input.RemovePhoto"] = "true" });
        Assert.True(removed.Has(".notice--success"), removed.MainText);
        Assert.False((await reader.GetAsync($"/petitions/{slug}")).Has(".delivery-photo"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync($"/petitions/{slug}/delivery-photo.jpg")).StatusCode);

        var details = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").OrderBy(a => a.Id).Select(a => a.Details!).ToListAsync());
        Assert.Equal(3, details.Count);
        Assert.EndsWith("photo added", details[0]);
        Assert.Contains("delivery corrected: 2026-11-30 at Portcullis House, London", details[1]);
        Assert.EndsWith("photo replaced", details[1]);
        Assert.EndsWith("photo removed", details[2]);
    }

    public static TheoryData<string, string, string> RefusedFiles => new()
    {
        { "text renamed .jpg", "minutes.jpg", "image/jpeg" },
        { "GIF", "handover.gif", "image/gif" },
        { "PDF", "letter.pdf", "application/pdf" },
        { "empty", "empty.jpg", "image/jpeg" },
        { "truncated JPEG", "cut.jpg", "image/jpeg" },
        { "over the limit", "huge.jpg", "image/jpeg" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_file_that_is_not_a_jpeg_or_png_photo_within_the_limit_is_refused_at_its_field_and_nothing_is_stored(string kind, string name, string type)
    {
        var (slug, id, admin) = await OpenPetitionWithExportAsync();
        using var _ = admin;
        var jpeg = Photos.Encode(200, 100);
        var content = kind switch
        {
            "text renamed .jpg" => Encoding.UTF8.GetBytes("Minutes of the meeting at the embassy."),
            "GIF" => Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="),
            "PDF" => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"),
            "empty" => [],
            "truncated JPEG" => jpeg[..(jpeg.Length / 3)],
            _ => [.. jpeg, .. new byte[11 * 1024 * 1024]],
        };

        var page = await Deliveries.SubmitAsync(admin, await admin.GetAsync($"/admin/petitions/{id}/delivery"), Handover(), (name, content, type));

        Assert.Equal(HttpStatusCode.OK, page.FirstStatus);
        Assert.Equal("Error: The photo must be a JPEG or PNG image of 10 MB or less.", page.Text("#photo-error"));
        Assert.Equal("#photo", page.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        // What was typed is kept for the next try; nothing was recorded.
        Assert.Equal(Embassy, page.Document.QuerySelector("#Input_Place")!.GetAttribute("value"));
        Assert.False(await PhotoStoredAsync(id));
        Assert.Equal(PetitionStatus.Open, await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Target == $"petition {slug}")));
    }

    [Fact]
    public async Task Missing_place_a_future_date_and_an_unknown_export_are_explained_at_their_fields_and_nothing_is_recorded()
    {
        var (slug, id, admin) = await OpenPetitionWithExportAsync();
        using var _ = admin;
        var other = await A.Petition().Open().BuildAsync(app);
        var othersExport = await Deliveries.FinishedExportAsync(app, await app.PetitionIdAsync(other), 9);
        var future = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");

        var page = await Deliveries.SubmitAsync(admin, await admin.GetAsync($"/admin/petitions/{id}/delivery"),
            new Dictionary<string, string?>(Handover(place: "   ", on: future, by: "")) { ["Input.ExportJobId"] = othersExport.ToString() },
            ("handover.jpg", Photos.Encode(100, 100), "image/jpeg"));

        Assert.Equal(HttpStatusCode.OK, page.FirstStatus);
        Assert.Equal("Error: The date cannot be in the future.", page.Text("#Input_On-error"));
        Assert.Equal("Error: Enter where the petition was handed over.", page.Text("#Input_Place-error"));
        Assert.Equal("Error: Enter who handed the petition over.", page.Text("#Input_By-error"));
        Assert.Equal("Error: That export is not one of this petition's finished exports. Choose one from the list.", page.Text("#Input_ExportJobId-error"));
        Assert.Equal(["#Input_On", "#Input_Place", "#Input_By", "#Input_ExportJobId"],
            page.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.True(page.Has("input#Input_ExportJobId"));
        Assert.False(await PhotoStoredAsync(id));
        Assert.Equal(PetitionStatus.Open, await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));

        var unreadable = await Deliveries.SubmitAsync(admin, page, new Dictionary<string, string?>(Handover(on: "someday")) { ["Input.ExportJobId"] = "many" });
        Assert.Equal("Error: Enter the date the petition was handed over.", unreadable.Text("#Input_On-error"));
        Assert.Equal("Error: Choose the export that was handed over.", unreadable.Text("#Input_ExportJobId-error"));
    }

    [Fact]
    public async Task Without_a_finished_export_the_page_sends_staff_to_make_the_delivery_pack_and_a_post_records_nothing()
    {
        var slug = await A.Petition().Closed().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/petitions/{id}/delivery");

        Assert.False(page.Has("form[enctype]"));
        Assert.Equal($"/admin/petitions/{id}/export", page.Document.QuerySelector("#no-export a")!.GetAttribute("href"));
        Assert.Contains("no finished export", page.Text("#no-export"));

        var posted = await admin.PostWithTokenOfAsync(page, $"/admin/petitions/{id}/delivery", Handover());
        Assert.Equal("This petition has no finished export yet. Make the delivery pack first, then record the delivery.", posted.Text(".error-summary li"));
        Assert.Equal(PetitionStatus.Closed, await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_response_and_the_no_response_line_replace_each_other_on_the_page_and_in_the_api_and_are_audited()
    {
        var (slug, id, admin) = await OpenPetitionWithExportAsync();
        using var _ = admin;
        var url = $"/admin/petitions/{id}/delivery";
        var before = await admin.GetAsync(url);
        Assert.False(before.Has("form[action*='handler=Response']"));
        await Deliveries.SubmitAsync(admin, before, Handover());

        var page = await admin.GetAsync(url);
        var none = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Reply.Kind"] = "NoResponse", ["Reply.On"] = "2026-12-01" }, "form[action*='handler=Response']");
        Assert.Equal("The response is saved.", none.Text(".notice--success"));
        using var reader = app.Browser();
        Assert.Equal("No response received by 1 December 2026.", (await reader.GetAsync($"/petitions/{slug}")).Text(".delivered__no-response"));
        var api = await ApiAsync(slug);
        Assert.Equal("2026-12-01", api.GetProperty("response").GetProperty("noResponseBy").GetString());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("response").GetProperty("text").ValueKind);

        var answered = await admin.SubmitAsync(none, new Dictionary<string, string?>
        {
            ["Reply.Kind"] = "Response", ["Reply.On"] = "2026-12-02",
            ["Reply.Text"] = "We have **received** your petition.\n\n<script>alert(1)</script>",
        }, "form[action*='handler=Response']");
        Assert.Equal("The response is saved.", answered.Text(".notice--success"));

        var shown = await reader.GetAsync($"/petitions/{slug}");
        Assert.False(shown.Has(".delivered__no-response"));
        Assert.Equal("The Minister for Rivers responded on 2 December 2026:", shown.Text(".delivered__responded"));
        Assert.Equal("received", shown.Text(".delivered__response-text strong"));
        Assert.False(shown.Has(".delivered__response-text script"));
        api = await ApiAsync(slug);
        Assert.Equal("2026-12-02", api.GetProperty("response").GetProperty("date").GetString());
        Assert.StartsWith("We have **received** your petition.", api.GetProperty("response").GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("response").GetProperty("noResponseBy").ValueKind);

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.PetitionDelivered, AuditActions.PetitionResponseRecorded, AuditActions.PetitionResponseRecorded], actions);
    }

    [Fact]
    public async Task A_response_without_text_or_date_or_on_an_undelivered_petition_is_refused_with_a_message_never_an_error_page()
    {
        var (slug, id, admin) = await OpenPetitionWithExportAsync();
        using var _ = admin;
        var url = $"/admin/petitions/{id}/delivery";
        var page = await admin.GetAsync(url);

        var early = await admin.PostWithTokenOfAsync(page, url + "?handler=Response", new Dictionary<string, string?> { ["Reply.Kind"] = "Response", ["Reply.Text"] = "Thanks", ["Reply.On"] = "2026-12-01" });
        Assert.Equal(HttpStatusCode.OK, early.FirstStatus);
        Assert.Equal("Record the delivery before the response.", early.Text(".error-summary li"));
        Assert.Null(await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.ResponseText).SingleAsync()));

        await Deliveries.SubmitAsync(admin, page, Handover());
        var empty = await admin.SubmitAsync(await admin.GetAsync(url), new Dictionary<string, string?> { ["Reply.Kind"] = "Response", ["Reply.Text"] = " ", ["Reply.On"] = "" }, "form[action*='handler=Response']");
        Assert.Equal("Error: Enter the text of the response.", empty.Text("#Reply_Text-error"));
        Assert.Equal("Error: Enter the date of the response.", empty.Text("#Reply_On-error"));

        var odd = await admin.SubmitAsync(empty, new Dictionary<string, string?> { ["Reply.Kind"] = "Maybe", ["Reply.On"] = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd") }, "form[action*='handler=Response']");
        Assert.Equal("Error: Choose whether a response was received.", odd.Text("#Reply_Kind-error"));
        Assert.Equal("#Reply_Kind", odd.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.True(odd.Has("input#Reply_Kind"));
        Assert.Null(await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.NoResponseBy).SingleAsync()));
    }

    [Fact]
    public async Task A_moderator_can_neither_open_nor_post_the_delivery_page_and_does_not_see_the_lifecycle_links()
    {
        var (slug, id, admin) = await OpenPetitionWithExportAsync();
        using var _ = admin;
        var form = await admin.GetAsync($"/admin/petitions/{id}/delivery");
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync($"/admin/petitions/{id}/delivery")).StatusCode);
        var dashboard = await moderator.GetAsync($"/admin/petitions/{id}");
        var post = await moderator.PostWithTokenOfAsync(dashboard, $"/admin/petitions/{id}/delivery", Handover());
        Assert.Equal(HttpStatusCode.Forbidden, post.FirstStatus);
        Assert.False(dashboard.Has("a[href$='/delivery']"));
        Assert.Equal(PetitionStatus.Open, await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));

        var adminDashboard = await admin.GetAsync($"/admin/petitions/{id}");
        Assert.Equal([$"/admin/petitions/{id}/export", $"/admin/petitions/{id}/delivery", $"/admin/petitions/{id}/updates"],
            adminDashboard.Document.QuerySelectorAll("nav.lifecycle a").Select(a => a.GetAttribute("href")));
    }

    // Whether a JPEG holds a marker segment of this kind (APP1 = 0xE1) before its image data.
    private static bool HasSegment(byte[] jpeg, byte marker)
    {
        for (var i = 2; i + 4 <= jpeg.Length && jpeg[i] == 0xFF;)
        {
            if (jpeg[i + 1] == marker)
                return true;
            if (jpeg[i + 1] == 0xDA)
                return false;
            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }
        return false;
    }
}
