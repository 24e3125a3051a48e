using System.Text;
using Petitions.Tests.Delivery;
using Petitions.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Petitions.Tests.Languages;

// The delivered list says which language each signer read the petition and the consent in, so
// that a recipient can tell what wording each line agreed to.
public sealed class DeliveredLanguageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    // A paper signature is dated at midnight of its day, so it comes first in the order signed.
    private static readonly Signer[] MixedSigners =
    [
        Signer.Named("On Paper").Paper(),
        Signer.Named("김철수").From("KR").ReadIn("ko"),
        Signer.Named("陳美玲").From("TW").ReadIn("zh-Hant"),
        Signer.Named("محمد عبدالله").From("EG").ReadIn("ar"),
        Signer.Named("Ada Lovelace"),
    ];

    [Fact]
    public async Task The_csv_records_the_language_each_signer_saw()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, MixedSigners);

        var pack = await Exports.RunAsync(app, slug);

        var lines = Encoding.UTF8.GetString(pack.Csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Language", lines[0]);
        Assert.Equal(["", "ko", "zh-Hant", "ar", "en"], lines.Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]));
    }

    [Fact]
    public async Task The_pdf_records_the_language_each_signer_saw_in_letters_every_font_draws()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, MixedSigners);

        var pack = await Exports.RunAsync(app, slug);

        using var pdf = PdfDocument.Open(pack.Pdf);
        var rows = pdf.GetPages().SelectMany(PdfText.ListRows).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["On Paper", "김철수", "陳美玲"], rows.Take(3).Select(r => r[1]));
        Assert.Equal(["ko", "zh-Hant", "ar", "en"], rows.Skip(1).Select(r => r[^1]));
        // The paper signer's line ends with the receipt code: no language was seen.
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", rows[0][^1]);
        var headings = pdf.GetPages().Select(PdfText.Text).First(t => t.Contains("Receipt", StringComparison.Ordinal));
        Assert.Contains("Lang.", headings);
    }
}
