using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Core.Staff;
using SkiaSharp;

namespace Petitions.Tests.Infrastructure;

// Deliveries on record, and the photos staff upload with them.
public static class Deliveries
{
    // A delivery pack another instance finished: done, with a count and a hash, no files on disk.
    public static async Task<long> FinishedExportAsync(PetitionsApp app, int petitionId, long signatures, string? sha256 = null,
        DateTimeOffset? finishedAt = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var now = finishedAt ?? app.Clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var job = ExportJob.Queue(petitionId, ExportFormats.Pdf | ExportFormats.Csv, 100_000, "another.admin@example.org", now);
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync();
        await db.ExportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ExportStatus.Done)
            .SetProperty(j => j.Stage, ExportStage.Done)
            .SetProperty(j => j.RowsDone, signatures)
            .SetProperty(j => j.RowsTotal, signatures)
            .SetProperty(j => j.SignatureCount, signatures)
            .SetProperty(j => j.Sha256, sha256 ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(job.Id))))
            .SetProperty(j => j.StartedAt, now)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.Attempts, 1));
        await transaction.CommitAsync();
        return job.Id;
    }

    // A closed petition delivered with a photo and a response, the same on every run: for the
    // pages and pictures of a delivered petition.
    public static async Task<string> DeliveredWithPhotoAndResponseAsync(PetitionsApp app)
    {
        var slug = await A.Petition().Closed().WithConfirmedSignatures(3).BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var export = await FinishedExportAsync(app, id, 3, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        var actor = new Core.Audit.Actor(null, "admin@example.org", null);
        var photo = Photos.Encode(1200, 800);
        var recorded = await app.WithServiceAsync<DeliveryRecords, DeliveryRecordResult>(records => records.RecordAsync(id, new DeliveryRecordRequest
        {
            On = new DateOnly(2026, 11, 30), Place = "Embassy of the People's Republic of China, 49 Portland Place, London",
            By = "Save the River campaigners", ExportJobId = export, Photo = new PhotoUpload(new MemoryStream(photo), photo.Length),
        }, actor, CancellationToken.None));
        var answered = await app.WithServiceAsync<DeliveryRecords, DeliveryRecordResult>(records => records.RecordResponseAsync(id, new ResponseRequest
        {
            Kind = ResponseKind.Response, On = new DateOnly(2026, 12, 2),
            Text = "Thank you for your letter. The Minister has **read the petition** and will answer in Parliament.",
        }, actor, CancellationToken.None));
        if (recorded is not DeliveryRecordResult.Saved || answered is not DeliveryRecordResult.Saved)
            throw new InvalidOperationException($"The delivery was not recorded: {recorded}, {answered}");
        return slug;
    }

    // Records a delivery as an Admin does on the delivery page, with the newest export (one is
    // made when there is none).
    public static async Task RecordAsync(PetitionsApp app, string slug, DateOnly on, string place = "10 Downing Street, London",
        string by = "Save the River campaigners")
    {
        var id = await app.PetitionIdAsync(slug);
        if (!await app.WithDbAsync(db => db.ExportJobs.AnyAsync(j => j.PetitionId == id && j.Status == ExportStatus.Done)))
            await FinishedExportAsync(app, id, await app.WithDbAsync(db => db.Signatures.LongCountAsync(s =>
                s.PetitionId == id && s.Status == Core.Signing.SignatureStatus.Confirmed && s.FlaggedAt == null)));
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var page = await admin.GetAsync($"/admin/petitions/{id}/delivery");
        var saved = await SubmitAsync(admin, page, new Dictionary<string, string?>
        {
            ["Input.On"] = on.ToString("yyyy-MM-dd"), ["Input.Place"] = place, ["Input.By"] = by,
        });
        if (!saved.Has(".notice--success"))
            throw new InvalidOperationException($"The delivery was not recorded:\n{saved.MainText}");
    }

    // Posts the delivery form as a browser does: multipart, every field the form holds (its
    // chosen export included) unless named, and the photo when there is one.
    public static async Task<Browser.WebPage> SubmitAsync(Browser browser, Browser.WebPage page, IDictionary<string, string?> fields,
        (string Name, byte[] Content, string ContentType)? photo = null)
    {
        var form = page.Document.QuerySelector("main")!.QuerySelector<IHtmlFormElement>("form[enctype='multipart/form-data']")
            ?? throw new InvalidOperationException($"No delivery form on {page.Url}:\n{page.MainText}");
        using var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            if (input.Name is null || fields.ContainsKey(input.Name) || input.Type == "file")
                continue;
            if (input.Type is "radio" or "checkbox" && !input.IsChecked)
                continue;
            body.Add(new StringContent(input.Value), input.Name);
        }
        foreach (var (name, value) in fields)
        {
            if (value is not null)
                body.Add(new StringContent(value), name);
        }
        if (photo is { } file)
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            body.Add(content, "photo", file.Name);
        }
        var response = await browser.Http.PostAsync(new Uri(page.Url, form.GetAttribute("action") ?? page.Url.PathAndQuery), body);
        var followed = response.StatusCode == System.Net.HttpStatusCode.Redirect
            ? await browser.Http.GetAsync(new Uri(page.Url, response.Headers.Location!))
            : null;
        return await Browser.WebPage.ReadAsync(response, followed);
    }
}

// Photos as cameras and phones make them.
public static class Photos
{
    // A picture whose left half is red and right half blue, so which way up it is can be told.
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.Blue);
        using (var red = new SKPaint { Color = SKColors.Red })
            surface.Canvas.DrawRect(0, 0, width / 2f, height, red);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public const string GpsPlace = "Portland Place";

    // A JPEG as a phone writes it: an APP1 "Exif" segment right after the start-of-image marker,
    // holding the orientation and a GPS block with a position and the name of the place.
    public static byte[] JpegWithExif(int width, int height, ushort orientation = 1)
    {
        var jpeg = Encode(width, height);
        var tiff = Tiff(orientation);
        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        segment.Add((byte)(length >> 8));
        segment.Add((byte)length);
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    // Big-endian TIFF: IFD0 with Orientation and a pointer to the GPS IFD, which holds the
    // latitude (N 51° 31' 12") and the area name.
    private static byte[] Tiff(ushort orientation)
    {
        var b = new List<byte>();
        void U16(int v) { b.Add((byte)(v >> 8)); b.Add((byte)v); }
        void U32(long v) { b.Add((byte)(v >> 24)); b.Add((byte)(v >> 16)); b.Add((byte)(v >> 8)); b.Add((byte)v); }
        var area = System.Text.Encoding.ASCII.GetBytes("ASCII\0\0\0" + GpsPlace);
        b.AddRange("MM"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: two entries, then the next-IFD offset.
        const int gpsIfd = 8 + 2 + 2 * 12 + 4;
        U16(2);
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);
        U16(0x8825); U16(4); U32(1); U32(gpsIfd);
        U32(0);
        // GPS IFD: LatitudeRef, Latitude (3 rationals), AreaInformation.
        const int gpsData = gpsIfd + 2 + 3 * 12 + 4;
        U16(3);
        U16(0x0001); U16(2); U32(2); b.AddRange("N\0\0\0"u8.ToArray());
        U16(0x0002); U16(5); U32(3); U32(gpsData);
        U16(0x001C); U16(7); U32(area.Length); U32(gpsData + 24);
        U32(0);
        U32(51); U32(1); U32(31); U32(1); U32(12); U32(1);
        b.AddRange(area);
        return [.. b];
    }
}
