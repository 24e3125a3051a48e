using System.Globalization;
using System.Runtime.CompilerServices;
using Petitions.Core.Counting;
using Petitions.Core.Typesetting;

namespace Petitions.Core.Delivery;

// What the pack says besides the list: laid out by DeliveryPdf, gathered by DeliveryExporter.
public sealed record PackContent(
    string Title,
    string RecipientName,
    string RecipientAddress,
    string Organiser,
    string Letter,
    DateOnly Date,
    IReadOnlyList<PackText> Texts,
    PackFacts Facts);

// A version of the petition's text as its signers read it, and how many counted signatures it has.
public sealed record PackText(int Version, DateTimeOffset? PublishedAt, string Title, string Summary, string Body,
    IReadOnlyList<string> Demands, long Signatures);

// Lays the delivery pack out as PDF volumes: a cover letter, the petition, a summary and the
// signer list, VolumeSize signers a volume. Each volume is a complete document with its own cover
// and page numbers. The signers arrive one at a time, in order, from any IAsyncEnumerable; a page
// of them is drawn and written out before the next is read.
public sealed class DeliveryPdf(PackContent content)
{
    public const int RowsPerPage = 40;

    private const double Width = PdfDocumentWriter.A4Width;
    private const double Height = PdfDocumentWriter.A4Height;
    private const double Left = 48;
    private const double Right = Width - 48;
    private const double TableTop = Height - 58;
    private const double HeaderRule = TableTop - 16;
    private const double RowHeight = 18;
    private const double FooterRule = 40;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // The list's columns: where each starts and how wide it is.
    private static readonly (string Heading, double X, double Width, bool AlignRight)[] ListColumns =
    [
        ("No.", 48, 44, true),
        ("Name", 98, 160, false),
        ("City", 262, 70, false),
        ("Country", 336, 60, false),
        ("Signed", 400, 44, false),
        // Wide enough for the widest code, WWWWW-WWWWW, with a gap before the next column.
        ("Receipt", 448, 68, false),
        // The language the signer read the petition in, as a tag in Latin letters ("zh-Hant"),
        // which every font in the pack can draw. Wide enough for its heading and the longest tag
        // to end at the table's right edge (Right), not past it.
        ("Lang.", 520, 27, false),
    ];

    public static int VolumeCount(long total, int volumeSize) =>
        total == 0 ? 1 : checked((int)((total + volumeSize - 1) / volumeSize));

    public async Task WriteAsync(IAsyncEnumerable<DeliveredSigner> signers, int volumeSize, Func<int, int, Stream> openVolume,
        DateTimeOffset created, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(volumeSize, 1);
        var total = content.Facts.Total;
        var volumes = VolumeCount(total, volumeSize);
        using var shaper = new TextShaper();
        await using var reader = signers.GetAsyncEnumerator(cancellationToken);
        var page = new DeliveredSigner[RowsPerPage];
        long expected = 1;

        for (var volume = 1; volume <= volumes; volume++)
        {
            var first = (volume - 1) * (long)volumeSize + 1;
            var last = Math.Min(total, volume * (long)volumeSize);
            var rows = Math.Max(0, last - first + 1);
            var front = FrontMatter(shaper, volume, volumes, first, last);
            var listPages = (int)((rows + RowsPerPage - 1) / RowsPerPage);
            var pages = front.Count + listPages;
            var frame = new Frame(shaper, content.Title, volume, volumes, pages);

            var stream = openVolume(volume, volumes);
            await using (stream)
            {
                using var document = new PdfDocumentWriter(stream, $"{content.Title} ({VolumeLabel(volume, volumes)})", created);
                foreach (var ops in front)
                {
                    var pdfPage = document.BeginPage();
                    frame.Draw(pdfPage, document.PageCount + 1, null);
                    foreach (var op in ops)
                        op(pdfPage);
                    document.EndPage(pdfPage);
                }

                for (var listPage = 0; listPage < listPages; listPage++)
                {
                    var count = (int)Math.Min(RowsPerPage, last - expected + 1);
                    for (var i = 0; i < count; i++)
                    {
                        if (!await reader.MoveNextAsync())
                            throw new InvalidOperationException($"The signer list ended at {expected - 1:N0}; the summary counted {total:N0}.");
                        if (reader.Current.Number != expected)
                            throw new InvalidOperationException($"Signer {reader.Current.Number:N0} came where {expected:N0} was due.");
                        page[i] = reader.Current;
                        expected++;
                    }
                    var pdfPage = document.BeginPage();
                    frame.Draw(pdfPage, document.PageCount + 1, (page[0].Number, page[count - 1].Number));
                    DrawList(pdfPage, shaper, page.AsSpan(0, count));
                    document.EndPage(pdfPage);
                }
                document.Finish();
                await stream.FlushAsync(cancellationToken);
            }
        }
        if (await reader.MoveNextAsync())
            throw new InvalidOperationException($"The signer list has more than the {total:N0} signers the summary counted.");
    }

    private static string VolumeLabel(int volume, int volumes) => $"volume {volume} of {volumes}";

    private static string N(long value) => value.ToString("N0", Invariant);

    // The running head and foot of every page: the petition's title, the volume, the page number
    // and the signature numbers on the page.
    private sealed class Frame
    {
        private readonly ShapedText _title;
        private readonly ShapedText? _volume;
        private readonly TextShaper _shaper;
        private readonly int _pages;

        public Frame(TextShaper shaper, string title, int volume, int volumes, int pages)
        {
            _shaper = shaper;
            _pages = pages;
            _volume = volumes > 1 ? shaper.Shape($"Volume {volume} of {volumes}") : null;
            var room = Right - Left - (_volume is null ? 0 : _volume.WidthAt(8) + 16);
            _title = TextLayout.Truncate(shaper, title, TextWeight.Bold, 8, room);
        }

        public void Draw(PdfPage page, int number, (long First, long Last)? range)
        {
            page.Text(_title, _title.RightToLeft && _volume is null ? Right - _title.WidthAt(8) : Left, Height - 30, 8, 0.25);
            if (_volume is not null)
                page.Text(_volume, Right - _volume.WidthAt(8), Height - 30, 8, 0.25);
            page.Line(Left, Height - 38, Right, Height - 38, 0.5, 0.6);
            page.Line(Left, FooterRule, Right, FooterRule, 0.5, 0.6);
            page.Text(_shaper.Shape($"Page {number} of {_pages}"), Left, FooterRule - 14, 8, 0.25);
            var rangeText = _shaper.Shape(range is { } r
                ? r.First == r.Last ? $"Signature {N(r.First)}" : $"Signatures {N(r.First)}–{N(r.Last)}"
                : "No signatures on this page");
            page.Text(rangeText, Right - rangeText.WidthAt(8), FooterRule - 14, 8, 0.25);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DrawList(PdfPage page, TextShaper shaper, ReadOnlySpan<DeliveredSigner> signers)
    {
        foreach (var (heading, x, width, alignRight) in ListColumns)
        {
            var shaped = shaper.ShapeCached(heading, TextWeight.Bold);
            page.Text(shaped, alignRight ? x + width - shaped.WidthAt(7.5) : x, TableTop - 6, 7.5);
        }
        page.Line(Left, HeaderRule, Right, HeaderRule, 0.75);

        for (var i = 0; i < signers.Length; i++)
        {
            var signer = signers[i];
            var top = HeaderRule - i * RowHeight;
            if (i % 2 == 1)
                page.FillRectangle(Left, top - RowHeight, Right - Left, RowHeight, 0.95);
            var number = shaper.ShapeAscii(N(signer.Number));
            page.Text(number, ListColumns[0].X + ListColumns[0].Width - number.WidthAt(7.5), top - 11.5, 7.5);
            if (signer.Name is null)
                Cell(page, shaper, DeliveryRules.WithheldName, ListColumns[1], top, 7, gray: 0.45);
            else
                Cell(page, shaper, signer.Name, ListColumns[1], top, 8.5);
            // Many signers share a city, and every country recurs, so those are shaped once.
            if (signer.City is not null)
                Cell(page, shaper, signer.City, ListColumns[2], top, 7.5, cache: true);
            Cell(page, shaper, signer.CountryName, ListColumns[3], top, 7.5, cache: true);
            page.Text(shaper.ShapeCached(signer.SignedOn), ListColumns[4].X, top - 11.5, 7.5);
            page.Text(shaper.ShapeAscii(signer.Receipt), ListColumns[5].X, top - 11.5, 7);
            if (signer.Language is not null)
                page.Text(shaper.ShapeCached(signer.Language), ListColumns[6].X, top - 11.5, 5.5);
        }
    }

    // A name is never cut short: it is drawn smaller until it fits the column on one line, then on
    // two, then on three lines. Text in a right-to-left script is set against the column's right edge.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Cell(PdfPage page, TextShaper shaper, string text, (string, double X, double Width, bool) column,
        double top, double size, double gray = 0, bool cache = false)
    {
        var shaped = cache ? shaper.ShapeCached(text) : shaper.Shape(text);
        var width = column.Width - 2;
        if (shaped.WidthAt(size) <= width || shaped.WidthAt(6) <= width)
        {
            var fitted = Math.Min(size, Math.Floor(width / shaped.Width * 10) / 10);
            var x = shaped.RightToLeft ? column.X + width - shaped.WidthAt(fitted) : column.X;
            page.Text(shaped, x, top - 9 - fitted * 0.35, fitted, gray);
            return;
        }
        foreach (var (lineSize, maxLines) in new[] { (6.0, 2), (5.5, 2), (5.0, 3), (4.5, 3), (4.0, 3), (3.5, 4), (3.0, 4), (2.5, 5), (2.0, 6) })
        {
            var lines = TextLayout.Wrap(shaper, text, TextWeight.Regular, lineSize, width);
            if (lines.Count > maxLines && lineSize > 2.0)
                continue;
            var leading = Math.Min(lineSize * 1.2, (RowHeight - 2) / lines.Count);
            var baseline = top - 1 - (RowHeight - leading * lines.Count) / 2 - leading * 0.8;
            foreach (var line in lines)
            {
                var x = line.RightToLeft ? column.X + width - line.WidthAt(lineSize) : column.X;
                page.Text(line, x, baseline, lineSize, gray);
                baseline -= leading;
            }
            return;
        }
    }

    private List<List<Action<PdfPage>>> FrontMatter(TextShaper shaper, int volume, int volumes, long first, long last)
    {
        var flow = new Flow(shaper);
        var facts = content.Facts;

        // The cover letter.
        flow.NewPage();
        flow.Paragraph(content.Organiser, 11, TextWeight.Bold);
        flow.Paragraph(CoverLetter.LongDate(content.Date), 10, after: 14);
        flow.Paragraph(content.RecipientName, 10);
        foreach (var line in content.RecipientAddress.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            flow.Paragraph(line, 10, after: 0);
        flow.Gap(18);
        flow.Paragraph(content.Title, 14, TextWeight.Bold, after: 10);
        foreach (var paragraph in Paragraphs(content.Letter))
            flow.Paragraph(paragraph, 10.5, after: 6);

        flow.Gap(12);
        flow.KeepTogether(120);
        flow.Rule();
        flow.Paragraph($"Counted signatures: {N(facts.Total)}", 11, TextWeight.Bold, after: 2);
        flow.Paragraph($"Signed online: {N(facts.Online)}. Signed on paper: {N(facts.Paper)}.", 9.5, after: 2);
        flow.Paragraph(volumes == 1
            ? $"This document holds the whole list, signatures 1 to {N(facts.Total)}."
            : $"This is {VolumeLabel(volume, volumes)}. It holds signatures {N(first)} to {N(last)}; the list has {N(facts.Total)} in all.", 9.5, after: 6);
        flow.Paragraph("SHA-256 of the signer list (the CSV file delivered with this pack):", 8.5, gray: 0.25, after: 1);
        flow.Paragraph(facts.Sha256, 8.5, after: 2);
        flow.Paragraph("To check the file is the list in this pack, run “sha256sum” on it: it prints this value. " +
                       "Each line of the list has a receipt code that its signer was shown when they confirmed their signature.",
            8, gray: 0.35);

        // The petition, each version exactly as its signers read it.
        flow.NewPage();
        flow.Paragraph("The petition", 16, TextWeight.Bold, after: 8);
        if (content.Texts.Count > 1)
        {
            flow.Paragraph($"The text was changed while the petition was open, so it has {content.Texts.Count} versions. " +
                           "Each signer read one of them; each version is printed here with the number of counted signatures made on it.",
                9.5, gray: 0.25, after: 10);
        }
        foreach (var text in content.Texts)
        {
            if (content.Texts.Count > 1)
            {
                flow.KeepTogether(60);
                var published = text.PublishedAt is { } at ? $", published {CoverLetter.LongDate(DateOnly.FromDateTime(at.UtcDateTime))}" : "";
                flow.Paragraph($"Version {text.Version}{published}: {N(text.Signatures)} counted {(text.Signatures == 1 ? "signature" : "signatures")}",
                    10, TextWeight.Bold, gray: 0.3, after: 4);
            }
            flow.Paragraph(text.Title, 13, TextWeight.Bold, after: 6);
            if (text.Summary.Length > 0)
                flow.Paragraph(text.Summary, 10.5, gray: 0.2, after: 8);
            foreach (var paragraph in Paragraphs(text.Body))
                flow.Paragraph(paragraph, 10, after: 6);
            if (text.Demands.Count > 0)
            {
                flow.Gap(4);
                flow.Paragraph("Demands", 11, TextWeight.Bold, after: 4);
                for (var i = 0; i < text.Demands.Count; i++)
                    flow.Paragraph(text.Demands[i], 10, indent: 22, label: $"{i + 1}.", after: 4);
            }
            flow.Gap(16);
        }

        // The summary.
        flow.NewPage();
        flow.Paragraph("Summary", 16, TextWeight.Bold, after: 8);
        flow.Table([("Counted signatures", N(facts.Total)), ("Signed online", N(facts.Online)), ("Signed on paper", N(facts.Paper))], 10.5);
        flow.Gap(12);
        flow.Paragraph("Signatures by country", 12, TextWeight.Bold, after: 6);
        if (facts.Countries.Count == 0)
            flow.Paragraph("There are no counted signatures yet.", 10);
        flow.CountryTable(facts.Countries, facts.Total);

        return flow.Pages;
    }

    // Markdown already turned into plain text: one paragraph a line.
    private static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r", "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // Pages of text that flow from one to the next, recorded as drawing steps so that they can be
    // counted before they are drawn: "page X of Y" needs Y on page 1.
    private sealed class Flow(TextShaper shaper)
    {
        private const double Top = Height - 62;
        private const double Bottom = FooterRule + 18;
        private const double TextLeft = 56;
        private const double TextRight = Width - 56;
        private List<Action<PdfPage>> _page = [];
        private double _y;

        public List<List<Action<PdfPage>>> Pages { get; } = [];

        public void NewPage()
        {
            _page = [];
            Pages.Add(_page);
            _y = Top;
        }

        public void Gap(double height) => _y -= height;

        public void KeepTogether(double height)
        {
            if (_y - height < Bottom)
                NewPage();
        }

        public void Rule()
        {
            var y = _y;
            _page.Add(p => p.Line(TextLeft, y, TextRight, y, 0.5, 0.5));
            _y -= 6;
        }

        public void Paragraph(string text, double size, TextWeight weight = TextWeight.Regular, double indent = 0, double gray = 0,
            string? label = null, double after = 4)
        {
            var leading = size * 1.4;
            var lines = TextLayout.Wrap(shaper, text, weight, size, TextRight - TextLeft - indent);
            for (var i = 0; i < lines.Count; i++)
            {
                if (_y - leading < Bottom)
                    NewPage();
                _y -= leading;
                var y = _y;
                var line = lines[i];
                var x = line.RightToLeft ? TextRight - line.WidthAt(size) : TextLeft + indent;
                _page.Add(p => p.Text(line, x, y, size, gray));
                if (i == 0 && label is not null)
                {
                    var shapedLabel = shaper.Shape(label, weight);
                    _page.Add(p => p.Text(shapedLabel, TextLeft + indent - 6 - shapedLabel.WidthAt(size), y, size, gray));
                }
            }
            _y -= after;
        }

        public void Table(IEnumerable<(string Label, string Value)> rows, double size)
        {
            foreach (var (label, value) in rows)
            {
                if (_y - size * 1.6 < Bottom)
                    NewPage();
                _y -= size * 1.6;
                var y = _y;
                var shapedLabel = shaper.Shape(label);
                var shapedValue = shaper.Shape(value, TextWeight.Bold);
                _page.Add(p => p.Text(shapedLabel, TextLeft, y, size));
                _page.Add(p => p.Text(shapedValue, TextLeft + 260 - shapedValue.WidthAt(size), y, size));
            }
        }

        public void CountryTable(IReadOnlyList<CountryCount> countries, long total)
        {
            const double size = 9;
            const double leading = 14;
            var header = true;
            foreach (var country in countries)
            {
                if (header || _y - leading < Bottom)
                {
                    if (_y - leading * 3 < Bottom)
                        NewPage();
                    Row(("Country", "Signatures", "Share"), TextWeight.Bold);
                    var ruleY = _y - 4;
                    _page.Add(p => p.Line(TextLeft, ruleY, TextLeft + 360, ruleY, 0.5, 0.5));
                    _y -= 4;
                    header = false;
                }
                Row((country.Name, N(country.Signatures), $"{country.Signatures * 100.0 / total:0.0}%"), TextWeight.Regular);
            }

            void Row((string Country, string Count, string Share) row, TextWeight weight)
            {
                _y -= leading;
                var y = _y;
                var name = TextLayout.Truncate(shaper, row.Country, weight, size, 230);
                var count = shaper.Shape(row.Count, weight);
                var share = shaper.Shape(row.Share, weight);
                _page.Add(p =>
                {
                    p.Text(name, TextLeft, y, size);
                    p.Text(count, TextLeft + 300 - count.WidthAt(size), y, size);
                    p.Text(share, TextLeft + 360 - share.WidthAt(size), y, size);
                });
            }
        }
    }
}
