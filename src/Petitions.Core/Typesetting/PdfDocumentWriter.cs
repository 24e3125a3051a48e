using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Petitions.Core.Typesetting;

// Writes a PDF page by page to a stream: enough of the format for text, lines and boxes.
//
// Why not a library. PDFsharp cannot shape Arabic (its letters must join) and cannot read font
// collections. SkiaSharp's PDF backend, with SkiaSharp.HarfBuzz, shapes every script correctly,
// but embeds each font whole: a volume with one Chinese name would carry the 10 MB Noto Sans SC,
// and a volume with names in every script about 30 MB of fonts. Here HarfBuzz shapes the text
// (TextShaper), this writer records which glyphs each page draws, and when the volume is finished
// HarfBuzz's subsetter embeds only those glyphs (FontSubsetter). Each page goes to the stream when
// it is finished, so memory holds one page, whatever the number of signatures.
//
// Text is drawn as glyph ids (Identity-H encoding with CIDFontType2 fonts) with HarfBuzz's
// advances and offsets, and every font carries a ToUnicode map from glyph to text, so the names
// can be searched, copied and extracted from the PDF.
internal sealed class PdfDocumentWriter : IDisposable
{
    public const double A4Width = 595.28;
    public const double A4Height = 841.89;

    private const int CatalogObject = 1;
    private const int PagesObject = 2;
    private const int ResourcesObject = 3;
    private const int InfoObject = 4;

    private readonly Stream _output;
    private readonly List<long> _offsets = [0, 0, 0, 0, 0];
    private readonly List<int> _pageObjects = [];
    private readonly FontUse?[] _fonts = new FontUse?[FontLibrary.Count];
    private readonly ArrayBufferWriter<byte> _content = new(64 * 1024);
    private readonly MemoryStream _compressed = new();
    private readonly string _title;
    private readonly DateTimeOffset _created;
    private long _position;
    private bool _finished;

    public PdfDocumentWriter(Stream output, string title, DateTimeOffset created)
    {
        _output = output;
        _title = title;
        _created = created;
        // A comment of bytes above 127 on the second line tells transfer tools the file is binary.
        WriteAscii("%PDF-1.7\n");
        WriteBytes([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
    }

    public int PageCount => _pageObjects.Count;

    public PdfPage BeginPage()
    {
        _content.ResetWrittenCount();
        return new PdfPage(this, _content);
    }

    public void EndPage(PdfPage page)
    {
        var contentObject = WriteStream(_content.WrittenSpan, compress: true, extraDictionary: null);
        var pageObject = BeginObject();
        WriteAscii($"<< /Type /Page /Parent {PagesObject} 0 R /MediaBox [0 0 {Num(A4Width)} {Num(A4Height)}] " +
                   $"/Resources {ResourcesObject} 0 R /Contents {contentObject} 0 R >>");
        EndObject();
        _pageObjects.Add(pageObject);
        page.Close();
    }

    // Fonts, resources, the page tree and the cross-reference table: what can only be written
    // once every page is known.
    public void Finish()
    {
        if (_finished)
            return;
        _finished = true;

        var fontObjects = new List<(int Index, int Object)>();
        foreach (var use in _fonts)
        {
            if (use is not null)
                fontObjects.Add((use.Font.Index, WriteFont(use)));
        }

        BeginObject(ResourcesObject);
        var resources = new StringBuilder("<< /ProcSet [/PDF /Text] /Font <<");
        foreach (var (index, obj) in fontObjects)
            resources.Append(CultureInfo.InvariantCulture, $" /F{index} {obj} 0 R");
        resources.Append(" >> >>");
        WriteAscii(resources.ToString());
        EndObject();

        BeginObject(PagesObject);
        var kids = new StringBuilder($"<< /Type /Pages /Count {_pageObjects.Count} /Kids [");
        foreach (var page in _pageObjects)
            kids.Append(CultureInfo.InvariantCulture, $"{page} 0 R ");
        kids.Append("] >>");
        WriteAscii(kids.ToString());
        EndObject();

        BeginObject(InfoObject);
        WriteAscii($"<< /Title {TextString(_title)} /Producer (Petitions) /CreationDate (D:{_created.UtcDateTime:yyyyMMddHHmmss}Z) >>");
        EndObject();

        BeginObject(CatalogObject);
        WriteAscii($"<< /Type /Catalog /Pages {PagesObject} 0 R /Lang (und) >>");
        EndObject();

        var xref = _position;
        var table = new StringBuilder($"xref\n0 {_offsets.Count}\n0000000000 65535 f \n");
        for (var i = 1; i < _offsets.Count; i++)
            table.Append(CultureInfo.InvariantCulture, $"{_offsets[i]:D10} 00000 n \n");
        table.Append(CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {_offsets.Count} /Root {CatalogObject} 0 R /Info {InfoObject} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        WriteAscii(table.ToString());
        _output.Flush();
    }

    public void Dispose() => _compressed.Dispose();

    internal FontUse Use(EmbeddedFont font) => _fonts[font.Index] ??= new FontUse(font);

    private int WriteFont(FontUse use)
    {
        var font = use.Font;
        var glyphs = use.Glyphs.Order().ToArray();
        var subset = FontSubsetter.Subset(font, glyphs);
        var tag = SubsetTag(glyphs, subset is null);
        var baseFont = $"{tag}{font.Name}";
        double Scale(int units) => units * 1000.0 / font.UnitsPerEm;

        // Should the subsetter fail, the whole font is embedded: larger, never wrong.
        var program = subset ?? font.Blob.AsSpan().ToArray();
        var fontFile = WriteStream(program, compress: true, extraDictionary: $"/Length1 {program.Length}");

        var descriptor = BeginObject();
        var box = font.BoundingBox;
        WriteAscii($"<< /Type /FontDescriptor /FontName /{baseFont} /Flags 4 " +
                   $"/FontBBox [{Num(Scale(box[0]))} {Num(Scale(box[1]))} {Num(Scale(box[2]))} {Num(Scale(box[3]))}] " +
                   $"/ItalicAngle 0 /Ascent {Num(Scale(font.Ascender))} /Descent {Num(Scale(font.Descender))} " +
                   $"/CapHeight {Num(Scale(font.CapHeight))} /StemV 80 /FontFile2 {fontFile} 0 R >>");
        EndObject();

        var widths = new StringBuilder("[");
        foreach (var glyph in glyphs)
            widths.Append(CultureInfo.InvariantCulture, $"{glyph} [{Num(Scale(font.Advance(glyph)))}] ");
        widths.Append(']');

        var cidFont = BeginObject();
        WriteAscii($"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{baseFont} " +
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
                   $"/FontDescriptor {descriptor} 0 R /DW 1000 /W {widths} /CIDToGIDMap /Identity >>");
        EndObject();

        var toUnicode = WriteStream(Encoding.ASCII.GetBytes(ToUnicodeCMap(use)), compress: true, extraDictionary: null);

        var type0 = BeginObject();
        WriteAscii($"<< /Type /Font /Subtype /Type0 /BaseFont /{baseFont} /Encoding /Identity-H " +
                   $"/DescendantFonts [{cidFont} 0 R] /ToUnicode {toUnicode} 0 R >>");
        EndObject();
        return type0;
    }

    // Six capital letters naming the subset, as the PDF specification asks of subset fonts.
    private static string SubsetTag(uint[] glyphs, bool whole)
    {
        if (whole)
            return "";
        var bytes = new byte[glyphs.Length * 4];
        for (var i = 0; i < glyphs.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), glyphs[i]);
        var hash = SHA256.HashData(bytes);
        var tag = new char[6];
        for (var i = 0; i < 6; i++)
            tag[i] = (char)('A' + hash[i] % 26);
        return new string(tag) + "+";
    }

    private static string ToUnicodeCMap(FontUse use)
    {
        var map = new StringBuilder("""
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """);
        var entries = use.Text.OrderBy(e => e.Key).ToArray();
        for (var i = 0; i < entries.Length; i += 100)
        {
            var block = entries.AsSpan(i, Math.Min(100, entries.Length - i));
            map.Append(CultureInfo.InvariantCulture, $"{block.Length} beginbfchar\n");
            foreach (var (glyph, text) in block)
            {
                map.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <");
                foreach (var c in text)
                    map.Append(CultureInfo.InvariantCulture, $"{(int)c:X4}");
                map.Append(">\n");
            }
            map.Append("endbfchar\n");
        }
        map.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return map.ToString();
    }

    private int WriteStream(ReadOnlySpan<byte> data, bool compress, string? extraDictionary)
    {
        ReadOnlySpan<byte> body = data;
        if (compress)
        {
            _compressed.SetLength(0);
            using (var zlib = new ZLibStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
                zlib.Write(data);
            body = _compressed.GetBuffer().AsSpan(0, (int)_compressed.Length);
        }
        var obj = BeginObject();
        WriteAscii($"<< /Length {body.Length}{(compress ? " /Filter /FlateDecode" : "")}{(extraDictionary is null ? "" : " " + extraDictionary)} >>\nstream\n");
        WriteBytes(body);
        WriteAscii("\nendstream");
        EndObject();
        return obj;
    }

    private int BeginObject()
    {
        _offsets.Add(0);
        var obj = _offsets.Count - 1;
        BeginObject(obj);
        return obj;
    }

    private void BeginObject(int obj)
    {
        _offsets[obj] = _position;
        WriteAscii($"{obj} 0 obj\n");
    }

    private void EndObject() => WriteAscii("\nendobj\n");

    private void WriteAscii(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        WriteBytes(bytes);
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    private static string TextString(string text)
    {
        var builder = new StringBuilder("<FEFF");
        foreach (var c in text)
            builder.Append(CultureInfo.InvariantCulture, $"{(int)c:X4}");
        return builder.Append('>').ToString();
    }

    internal static string Num(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    // The glyphs one volume draws in one font, and the text each stands for.
    internal sealed class FontUse(EmbeddedFont font)
    {
        private readonly bool[] _seen = new bool[font.GlyphCount];

        public EmbeddedFont Font { get; } = font;
        public List<uint> Glyphs { get; } = [];
        public Dictionary<uint, string> Text { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Record(GlyphRun run, int i)
        {
            var glyph = run.Glyphs[i];
            if (glyph >= _seen.Length || _seen[glyph])
                return;
            _seen[glyph] = true;
            Glyphs.Add(glyph);
            if (run.TextOf(i) is { Length: > 0 } text)
                Text[glyph] = text;
        }
    }
}

// One page's content stream, written as PDF operators into a reused buffer.
internal sealed class PdfPage
{
    private readonly PdfDocumentWriter _document;
    private readonly ArrayBufferWriter<byte> _content;
    private bool _closed;

    internal PdfPage(PdfDocumentWriter document, ArrayBufferWriter<byte> content)
    {
        _document = document;
        _content = content;
    }

    internal void Close() => _closed = true;

    // Draws shaped text with its left end at x and its baseline at y.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Text(ShapedText text, double x, double y, double size, double gray = 0)
    {
        if (_closed)
            throw new InvalidOperationException("The page is finished.");
        if (text.Runs.Length == 0)
            return;
        if (gray > 0)
        {
            Number(gray);
            Append(" g\n"u8);
        }
        var pen = x;
        foreach (var run in text.Runs)
        {
            var font = run.Font;
            var use = _document.Use(font);
            var perUnit = 1000.0 / font.UnitsPerEm;
            Append("BT /F"u8);
            Number(font.Index);
            Append(" "u8);
            Number(size);
            Append(" Tf 1 0 0 1 "u8);
            Number(pen);
            Append(" "u8);
            Number(y);
            Append(" Tm ["u8);
            var openHex = false;
            for (var i = 0; i < run.Glyphs.Length; i++)
            {
                use.Record(run, i);
                var glyph = run.Glyphs[i];
                var xOffset = run.XOffsets[i];
                var yOffset = run.YOffsets[i];
                if (yOffset != 0)
                {
                    CloseHex(ref openHex);
                    Append("] TJ "u8);
                    Number(yOffset * size / font.UnitsPerEm);
                    Append(" Ts ["u8);
                }
                if (xOffset != 0)
                {
                    CloseHex(ref openHex);
                    Append(" "u8);
                    Number(-xOffset * perUnit);
                    Append(" "u8);
                }
                if (!openHex)
                {
                    Append("<"u8);
                    openHex = true;
                }
                AppendHex(glyph);
                var adjust = (font.Advance(glyph) - run.Advances[i] + xOffset) * perUnit;
                if (Math.Abs(adjust) >= 0.005)
                {
                    CloseHex(ref openHex);
                    Append(" "u8);
                    Number(adjust);
                    Append(" "u8);
                }
                if (yOffset != 0)
                {
                    CloseHex(ref openHex);
                    Append("] TJ 0 Ts ["u8);
                }
            }
            CloseHex(ref openHex);
            Append("] TJ ET\n"u8);
            pen += run.Width * size;
        }
        if (gray > 0)
            Append("0 g\n"u8);
    }

    public void Line(double x1, double y1, double x2, double y2, double width = 0.5, double gray = 0)
    {
        Append($"{Num(gray)} G {Num(width)} w {Num(x1)} {Num(y1)} m {Num(x2)} {Num(y2)} l S\n");
    }

    public void FillRectangle(double x, double y, double width, double height, double gray)
    {
        Append($"{Num(gray)} g {Num(x)} {Num(y)} {Num(width)} {Num(height)} re f 0 g\n");
    }

    private void CloseHex(ref bool openHex)
    {
        if (!openHex)
            return;
        Append(">"u8);
        openHex = false;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_content.GetSpan(bytes.Length));
        _content.Advance(bytes.Length);
    }

    // Two decimals at most, as PDF wants numbers: written digit by digit, since a format string
    // would be parsed again for each of the millions of numbers a long list needs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Number(double value)
    {
        var hundredths = (long)Math.Round(value * 100, MidpointRounding.AwayFromZero);
        var span = _content.GetSpan(24);
        var length = 0;
        if (hundredths < 0)
        {
            span[length++] = (byte)'-';
            hundredths = -hundredths;
        }
        var whole = hundredths / 100;
        var fraction = (int)(hundredths % 100);
        whole.TryFormat(span[length..], out var digits, default, CultureInfo.InvariantCulture);
        length += digits;
        if (fraction != 0)
        {
            span[length++] = (byte)'.';
            span[length++] = (byte)('0' + fraction / 10);
            if (fraction % 10 != 0)
                span[length++] = (byte)('0' + fraction % 10);
        }
        _content.Advance(length);
    }

    private static string Num(double value) => PdfDocumentWriter.Num(value);

    private void Append(string text)
    {
        var span = _content.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        _content.Advance(written);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendHex(uint glyph)
    {
        var span = _content.GetSpan(4);
        const string digits = "0123456789ABCDEF";
        span[0] = (byte)digits[(int)(glyph >> 12) & 0xF];
        span[1] = (byte)digits[(int)(glyph >> 8) & 0xF];
        span[2] = (byte)digits[(int)(glyph >> 4) & 0xF];
        span[3] = (byte)digits[(int)glyph & 0xF];
        _content.Advance(4);
    }
}
