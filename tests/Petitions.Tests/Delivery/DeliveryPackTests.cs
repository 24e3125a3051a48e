using System.Security.Cryptography;
using System.Text;
using Petitions.Core;
using Petitions.Core.Delivery;
using Petitions.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Petitions.Tests.Delivery;

public sealed class DeliveryPackTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_cover_states_the_count_and_the_sha256_of_the_delivered_csv()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(45));

        var pack = await Exports.RunAsync(app, slug);

        var csvHash = Convert.ToHexStringLower(SHA256.HashData(pack.Csv));
        using var pdf = PdfDocument.Open(pack.Pdf);
        var cover = PdfText.Text(pdf.GetPage(1));
        Assert.Contains("Counted signatures: 45", cover);
        Assert.Contains("signed by 45 people", cover);
        Assert.Contains(csvHash, cover);
        Assert.Equal(csvHash, pack.Facts.Sha256);
    }

    [Fact]
    public async Task The_summary_gives_the_totals_online_and_on_paper_and_the_countries_by_count()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug,
            Signer.Named("Ana").From("PT"), Signer.Named("김철수").From("KR"), Signer.Named("이영희").From("KR"),
            Signer.Named("박민수").From("KR").Paper(), Signer.Named("Ivan").From("UA").Paper());

        var pack = await Exports.RunAsync(app, slug);

        using var pdf = PdfDocument.Open(pack.Pdf);
        var summary = pdf.GetPages().Select(PdfText.Rows).First(rows => rows.Any(r => r.Contains("Summary")));
        Assert.Contains(["Counted signatures", "5"], summary);
        Assert.Contains(["Signed online", "3"], summary);
        Assert.Contains(["Signed on paper", "2"], summary);
        var countries = summary.SkipWhile(r => r[0] != "Country").Skip(1).TakeWhile(r => r.Count == 3).Select(r => (r[0], r[1])).ToList();
        Assert.Equal([("South Korea", "3"), ("Portugal", "1"), ("Ukraine", "1")], countries);
    }

    [Fact]
    public async Task Only_confirmed_signatures_not_held_for_moderation_are_listed_numbered_in_the_order_signed()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug,
            Signer.Named("First"), Signer.Named("Still pending").Pending(), Signer.Named("Second"),
            Signer.Named("Held for moderation").Flagged(), Signer.Named("Struck out").Invalidated(), Signer.Named("Third"));

        var pack = await Exports.RunAsync(app, slug);

        using var pdf = PdfDocument.Open(pack.Pdf);
        var rows = pdf.GetPages().SelectMany(PdfText.ListRows).ToList();
        Assert.Equal(["1", "2", "3"], rows.Select(r => r[0]));
        Assert.Equal(["First", "Second", "Third"], rows.Select(r => r[1]));
        var text = string.Join("\n", pdf.GetPages().Select(PdfText.Text));
        Assert.DoesNotContain("pending", text);
        Assert.DoesNotContain("moderation", text);
        Assert.DoesNotContain("Struck", text);
        Assert.Equal(3, pack.Facts.Total);
    }

    [Fact]
    public async Task Names_in_Hangul_Han_and_Cyrillic_come_back_out_of_the_pdf_exactly()
    {
        string[] names = ["김철수", "王秀英", "陳美玲", "山田 太郎", "Владимир Иванов", "Zoë Ñúñez-Ångström"];
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, names.Select(n => Signer.Named(n).In("서울")).ToArray());

        var pack = await Exports.RunAsync(app, slug);

        using var pdf = PdfDocument.Open(pack.Pdf);
        var rows = pdf.GetPages().SelectMany(PdfText.ListRows).ToList();
        Assert.Equal(names, rows.Select(r => r[1]));
        Assert.All(rows, r => Assert.Equal("서울", r[2]));
    }

    [Fact]
    public async Task A_withheld_name_is_counted_and_numbered_but_never_printed()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signer.Named("Open Name"), Signer.Named("Secret Person").Withheld(), Signer.Named("Другое Имя"));

        var pack = await Exports.RunAsync(app, slug);

        using var pdf = PdfDocument.Open(pack.Pdf);
        var rows = pdf.GetPages().SelectMany(PdfText.ListRows).ToList();
        Assert.Equal(["Open Name", DeliveryRules.WithheldName, "Другое Имя"], rows.Select(r => r[1]));
        Assert.Equal(["1", "2", "3"], rows.Select(r => r[0]));
        Assert.DoesNotContain("Secret", string.Join("\n", pdf.GetPages().Select(p => p.Text)));
        Assert.DoesNotContain("Secret", Encoding.UTF8.GetString(pack.Csv));
        Assert.Contains("Counted signatures: 3", PdfText.Text(pdf.GetPage(1)));
    }

    [Fact]
    public async Task Every_signature_number_appears_once_and_each_page_names_its_range_and_its_place()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(95));

        var pack = await Exports.RunAsync(app, slug);

        using var pdf = PdfDocument.Open(pack.Pdf);
        var numbers = pdf.GetPages().SelectMany(PdfText.ListRows).Select(r => long.Parse(r[0].Replace(",", ""))).ToList();
        Assert.Equal(Enumerable.Range(1, 95).Select(n => (long)n), numbers);
        // Cover, petition, summary, then 40 + 40 + 15 signers.
        Assert.Equal(6, pdf.NumberOfPages);
        var feet = pdf.GetPages().Select(p => PdfText.Rows(p)[^1]).ToList();
        Assert.Equal(["Page 1 of 6", "No signatures on this page"], feet[0]);
        Assert.Equal(["Page 4 of 6", "Signatures 1–40"], feet[3]);
        Assert.Equal(["Page 6 of 6", "Signatures 81–95"], feet[5]);
        Assert.All(pdf.GetPages(), p => Assert.Equal("Save the river", PdfText.Rows(p)[0][0]));
    }

    [Fact]
    public async Task A_list_longer_than_a_volume_is_split_into_complete_volumes_at_the_right_numbers()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(250));

        var pack = await Exports.RunAsync(app, slug, ExportFormats.Pdf, volumeSize: 100);

        var volumes = pack.Pdfs.Order().ToList();
        Assert.Equal(3, volumes.Count);
        Assert.EndsWith("-delivery-volume-01-of-03.pdf", volumes[0]);
        (long First, long Last)[] expected = [(1, 100), (101, 200), (201, 250)];
        for (var v = 0; v < 3; v++)
        {
            using var pdf = PdfDocument.Open(volumes[v]);
            var numbers = pdf.GetPages().SelectMany(PdfText.ListRows).Select(r => long.Parse(r[0])).ToList();
            Assert.Equal(expected[v].First, numbers[0]);
            Assert.Equal(expected[v].Last, numbers[^1]);
            Assert.Equal(expected[v].Last - expected[v].First + 1, numbers.Count);
            var cover = PdfText.Text(pdf.GetPage(1));
            Assert.Contains($"volume {v + 1} of 3", cover);
            Assert.Contains($"signatures {expected[v].First} to {expected[v].Last}", cover);
            Assert.Contains("Counted signatures: 250", cover);
            Assert.Equal($"Page 1 of {pdf.NumberOfPages}", PdfText.Rows(pdf.GetPage(1))[^1][0]);
        }
    }

    [Fact]
    public async Task Each_version_of_the_text_is_printed_with_the_number_of_signatures_made_on_it()
    {
        var slug = await A.Petition().Open().Titled("Clean the river").BuildAsync(app);
        await app.WithServiceAsync<Core.Publishing.PetitionEditor, Core.Publishing.EditResult>(async editor =>
        {
            var id = await app.PetitionIdAsync(slug);
            var form = Core.Publishing.PetitionForm.From(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
                .SingleAsync(db.Petitions, p => p.Id == id)));
            return await editor.EditAsync(id, form with { Title = "Clean the river now", Demands = "Stop the dumping\nFine the polluters" },
                Core.Audit.Actor.System, CancellationToken.None);
        });
        await Signers.AddAsync(app, slug, Signer.Named("Early").OnVersion(1), Signer.Named("Late").OnVersion(2), Signer.Named("Later").OnVersion(2));

        var pack = await Exports.RunAsync(app, slug);

        using var pdf = PdfDocument.Open(pack.Pdf);
        var text = PdfText.Text(pdf.GetPage(2));
        Assert.Contains("Version 1", text);
        Assert.Contains("1 counted signature", text);
        Assert.Contains("Version 2", text);
        Assert.Contains("2 counted signatures", text);
        Assert.Contains("Clean the river now", text);
        Assert.Contains("Fine the polluters", text);
        Assert.True(text.IndexOf("Version 1", StringComparison.Ordinal) < text.IndexOf("Version 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_cover_letter_is_the_petitions_own_with_its_placeholders_filled_in()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        await app.WithServiceAsync<ExportJobs, IReadOnlyList<Core.FieldError>?>(exports => exports.WriteCoverLetterAsync(id, "Friends of the River",
            "Dear {recipient},\n\nHere are {count} signatures for “{title}”.\n\n{organiser}", Core.Audit.Actor.System, CancellationToken.None));
        await Signers.AddAsync(app, slug, Signers.Many(2));

        var pack = await Exports.RunAsync(app, slug);

        using var pdf = PdfDocument.Open(pack.Pdf);
        var cover = PdfText.Text(pdf.GetPage(1));
        Assert.Contains("Dear The Minister for Rivers,", cover);
        Assert.Contains("Here are 2 signatures for “Save the river”.", cover);
        Assert.StartsWith("Save the river\nFriends of the River", cover);
    }
}
