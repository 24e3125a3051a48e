using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using HarfBuzzSharp;

namespace Petitions.Core.Typesetting;

// One of the OFL Noto fonts shipped inside this assembly, opened for shaping (HarfBuzz) and
// for embedding in a PDF. Read-only after construction, so documents rendered in parallel share it.
internal sealed class EmbeddedFont
{
    private readonly sbyte[] _bmpCoverage = new sbyte[0x10000];
    private readonly int[] _advances;
    private readonly uint[] _asciiGlyphs = new uint[128];

    public EmbeddedFont(int index, string name, Blob blob)
    {
        Index = index;
        Name = name;
        Blob = blob;
        Face = new Face(blob, 0);
        Font = new Font(Face);
        Font.SetFunctionsOpenType();
        UnitsPerEm = Face.UnitsPerEm;
        Font.SetScale(UnitsPerEm, UnitsPerEm);
        GlyphCount = Face.GlyphCount;
        _advances = new int[GlyphCount];
        Array.Fill(_advances, -1);
        for (var c = 32; c < 127; c++)
            _asciiGlyphs[c] = Font.TryGetNominalGlyph(c, out var glyph) ? glyph : 0;

        Font.TryGetHorizontalFontExtents(out var extents);
        Ascender = extents.Ascender;
        Descender = extents.Descender;
        using var head = Face.ReferenceTable(Tag.Parse("head"));
        var headBytes = head.AsSpan();
        BoundingBox = headBytes.Length >= 44
            ? [BinaryPrimitives.ReadInt16BigEndian(headBytes[36..]), BinaryPrimitives.ReadInt16BigEndian(headBytes[38..]),
               BinaryPrimitives.ReadInt16BigEndian(headBytes[40..]), BinaryPrimitives.ReadInt16BigEndian(headBytes[42..])]
            : [0, (short)Descender, (short)UnitsPerEm, (short)Ascender];
        using var os2 = Face.ReferenceTable(Tag.Parse("OS/2"));
        var os2Bytes = os2.AsSpan();
        CapHeight = os2Bytes.Length >= 90 ? BinaryPrimitives.ReadInt16BigEndian(os2Bytes[88..]) : Ascender * 7 / 10;
    }

    public int Index { get; }
    public string Name { get; }
    public Blob Blob { get; }
    public Face Face { get; }
    public Font Font { get; }
    public int UnitsPerEm { get; }
    public int GlyphCount { get; }
    public int Ascender { get; }
    public int Descender { get; }
    public int CapHeight { get; }
    public short[] BoundingBox { get; }

    // Whether the font's character map has a glyph for the code point: a font that lacks one
    // would draw its empty .notdef box, so the shaper picks another font instead.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Covers(int codePoint)
    {
        if (codePoint >= 0x10000)
            return Font.TryGetNominalGlyph(codePoint, out var astral) && astral != 0;
        var known = Volatile.Read(ref _bmpCoverage[codePoint]);
        if (known != 0)
            return known > 0;
        var covered = Font.TryGetNominalGlyph(codePoint, out var glyph) && glyph != 0;
        Volatile.Write(ref _bmpCoverage[codePoint], covered ? (sbyte)1 : (sbyte)-1);
        return covered;
    }

    // The glyph for a printable ASCII character, or 0 when the font has none.
    public uint AsciiGlyph(char c) => c < 128 ? _asciiGlyphs[c] : 0;

    // The glyph's advance in font units: the width the PDF records for it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Advance(uint glyph)
    {
        if (glyph >= _advances.Length)
            return 0;
        var advance = Volatile.Read(ref _advances[glyph]);
        if (advance < 0)
        {
            advance = Font.GetHorizontalGlyphAdvance(glyph);
            Volatile.Write(ref _advances[glyph], advance);
        }
        return advance;
    }
}
