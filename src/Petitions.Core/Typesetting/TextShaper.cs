using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using HarfBuzzSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace Petitions.Core.Typesetting;

// A line of text shaped and ready to draw: runs of glyphs in visual order, left to right.
internal sealed class ShapedText(string text, GlyphRun[] runs, bool rightToLeft)
{
    public string Text { get; } = text;
    public GlyphRun[] Runs { get; } = runs;
    public bool RightToLeft { get; } = rightToLeft;

    // Width at a font size of one point.
    public double Width { get; } = runs.Sum(r => r.Width);

    public double WidthAt(double size) => Width * size;
}

// Glyphs of one font and direction, with HarfBuzz's positions in font units. Clusters are UTF-16
// offsets into Source, so the PDF can say which text each glyph stands for.
internal sealed class GlyphRun(EmbeddedFont font, string source, int start, int end, uint[] glyphs, int[] clusters,
    int[] advances, int[] xOffsets, int[] yOffsets)
{
    public EmbeddedFont Font { get; } = font;
    public string Source { get; } = source;
    public int Start { get; } = start;
    public int End { get; } = end;
    public uint[] Glyphs { get; } = glyphs;
    public int[] Clusters { get; } = clusters;
    public int[] Advances { get; } = advances;
    public int[] XOffsets { get; } = xOffsets;
    public int[] YOffsets { get; } = yOffsets;
    public double Width { get; } = advances.Sum() / (double)font.UnitsPerEm;

    // The text glyph i was shaped from, or null when an earlier glyph of the same cluster
    // already stands for it.
    public string? TextOf(int i)
    {
        var cluster = Clusters[i];
        for (var j = 0; j < i; j++)
        {
            if (Clusters[j] == cluster)
                return null;
        }
        var end = End;
        foreach (var other in Clusters)
        {
            if (other > cluster && other < end)
                end = other;
        }
        return Source[cluster..end];
    }
}

// Turns a string in any script into positioned glyphs. The text is split into runs by script;
// each run takes the first font that has glyphs for it (a name in Hangul, Han and Latin uses
// three fonts), and HarfBuzz shapes it, which joins Arabic letters, orders Devanagari vowel
// signs and places Thai marks. Right-to-left runs are shaped right to left, and runs are put in
// visual order with the Unicode bidirectional algorithm's reordering rule, with the paragraph's
// direction taken from its first strong character. Not thread-safe: each renderer owns one.
//
// The methods that run for every name are compiled fully optimised from their first call
// (AggressiveOptimization), here and in the PDF writer, the CSV and the receipt code: an export
// is a short burst of millions of calls, and tiered compilation would spend much of it running
// unoptimised code while it decides they are hot.
internal sealed class TextShaper : IDisposable
{
    private readonly Buffer _buffer = new();
    private readonly Dictionary<(string, TextWeight), ShapedText> _cache = new();
    private const int CacheLimit = 4096;

    // Short strings that recur on every page (country names, dates, headings) are shaped once.
    public ShapedText ShapeCached(string text, TextWeight weight = TextWeight.Regular)
    {
        if (_cache.TryGetValue((text, weight), out var shaped))
            return shaped;
        shaped = Shape(text, weight);
        if (_cache.Count >= CacheLimit)
            _cache.Clear();
        _cache[(text, weight)] = shaped;
        return shaped;
    }

    // Numbers, dates and receipt codes: printable ASCII in Noto Sans, which needs no shaping, only
    // each character's glyph and advance. Saves a HarfBuzz call for most of the cells of the list.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ShapedText ShapeAscii(string text, TextWeight weight = TextWeight.Regular)
    {
        var font = FontLibrary.Get(weight == TextWeight.Bold ? FontLibrary.SansBold : FontLibrary.Sans);
        var glyphs = new uint[text.Length];
        var clusters = new int[text.Length];
        var advances = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var glyph = font.AsciiGlyph(text[i]);
            if (glyph == 0)
                return Shape(text, weight);
            glyphs[i] = glyph;
            clusters[i] = i;
            advances[i] = font.Advance(glyph);
        }
        var run = new GlyphRun(font, text, 0, text.Length, glyphs, clusters, advances, new int[text.Length], new int[text.Length]);
        return new ShapedText(text, [run], false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ShapedText Shape(string text, TextWeight weight = TextWeight.Regular)
    {
        text = Clean(text);
        if (text.Length == 0)
            return new ShapedText(text, [], false);

        var items = Itemize(text, weight);
        var runs = new List<GlyphRun>(items.Count);
        foreach (var item in items)
            runs.Add(ShapeItem(text, item));

        var baseRtl = items.FirstOrDefault(i => i.Strong) is { } first && first.Rtl;
        var levels = items.Select(i => Level(i, baseRtl)).ToArray();
        var ordered = Reorder(runs, levels);
        return new ShapedText(text, ordered, baseRtl);
    }

    public void Dispose() => _buffer.Dispose();

    private sealed record Item(int Start, int End, Script Script, EmbeddedFont Font, bool Rtl, bool Strong, bool Digits);

    // Control characters become spaces (a name may hold a newline), and a character no font has
    // becomes U+FFFD, which Noto Sans draws as a visible replacement mark, never a blank box.
    // There is no Unicode normalization here: HarfBuzz composes or decomposes as the font needs
    // while shaping, and the text the PDF records for each glyph stays as the signer typed it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Clean(string text)
    {
        var needsWork = false;
        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7E)
            {
                needsWork = true;
                break;
            }
        }
        if (!needsWork)
            return text;

        StringBuilder? builder = null;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var replacement = Rune.IsControl(rune) ? " "
                : IsDefaultIgnorable(rune.Value) || AnyFontCovers(rune.Value) ? null
                : "\uFFFD";
            if (replacement is not null)
            {
                builder ??= new StringBuilder(text, 0, index, text.Length);
                builder.Append(replacement);
            }
            else
            {
                builder?.Append(text, index, rune.Utf16SequenceLength);
            }
            index += rune.Utf16SequenceLength;
        }
        return builder?.ToString() ?? text;
    }

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
                return false;
        }
        return true;
    }

    private static bool AnyFontCovers(int codePoint)
    {
        foreach (var font in FontLibrary.All)
        {
            if (font.Covers(codePoint))
                return true;
        }
        return false;
    }

    // Joiners, direction marks and variation selectors have no glyph of their own: HarfBuzz
    // removes them after they have done their work, so they must not split a run.
    private static bool IsDefaultIgnorable(int c) =>
        c is 0x00AD or 0x034F or 0x061C or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E)
            or (>= 0x2060 and <= 0x206F) or 0xFEFF or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Item> Itemize(string text, TextWeight weight)
    {
        if (IsPrintableAscii(text))
        {
            var sans = FontLibrary.Get(weight == TextWeight.Bold ? FontLibrary.SansBold : FontLibrary.Sans);
            return [new Item(0, text.Length, Script.Latin, sans, Rtl: false, Strong: true, Digits: false)];
        }
        var unicode = UnicodeFunctions.Default;
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
            count++;
        var starts = new int[count + 1];
        var scripts = new Script[count];
        var digits = new bool[count];
        var context = NameContext.None;
        var i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            starts[i + 1] = starts[i] + rune.Utf16SequenceLength;
            var script = unicode.GetScript(rune.Value);
            if (script == Script.Hiragana || script == Script.Katakana)
                context = NameContext.Japanese;
            else if (script == Script.Hangul && context == NameContext.None)
                context = NameContext.Korean;
            scripts[i] = script;
            digits[i] = Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber;
            i++;
        }

        // Spaces, punctuation and marks belong to the script before them; leading ones to the first
        // real script. Digits stay apart: they read left to right even inside Arabic or Hebrew.
        var strong = new bool[count];
        Script? last = null;
        for (i = 0; i < count; i++)
        {
            var s = scripts[i];
            if (s == Script.Common || s == Script.Inherited || s == Script.Unknown)
            {
                if (last is { } previous)
                    scripts[i] = previous;
            }
            else
            {
                strong[i] = true;
                if (last is null)
                {
                    for (var j = 0; j < i; j++)
                        scripts[j] = s;
                }
                last = s;
            }
        }

        var items = new List<Item>();
        var itemStart = 0;
        EmbeddedFont? itemFont = null;
        var itemScript = Script.Common;
        var itemDigits = false;
        var itemStrong = false;
        var runeIndex = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var script = scripts[runeIndex];
            var isDigit = digits[runeIndex] && script.HorizontalDirection == Direction.RightToLeft;
            EmbeddedFont font;
            if (itemFont is not null && script == itemScript && isDigit == itemDigits
                && (IsDefaultIgnorable(rune.Value) || itemFont.Covers(rune.Value)))
            {
                font = itemFont;
            }
            else
            {
                font = ChooseFont(rune.Value, script, context, weight);
            }

            if (itemFont is null || font != itemFont || script != itemScript || isDigit != itemDigits)
            {
                if (itemFont is not null)
                    items.Add(NewItem(itemStart, starts[runeIndex], itemScript, itemFont, itemStrong, itemDigits));
                itemStart = starts[runeIndex];
                itemFont = font;
                itemScript = script;
                itemDigits = isDigit;
                itemStrong = false;
            }
            itemStrong |= strong[runeIndex];
            runeIndex++;
        }
        items.Add(NewItem(itemStart, text.Length, itemScript, itemFont!, itemStrong, itemDigits));
        return items;
    }

    private static Item NewItem(int start, int end, Script script, EmbeddedFont font, bool strong, bool digits) =>
        new(start, end, script, font, Rtl: !digits && script.HorizontalDirection == Direction.RightToLeft, strong, digits);

    private static EmbeddedFont ChooseFont(int codePoint, Script script, NameContext context, TextWeight weight)
    {
        if (weight == TextWeight.Bold && FontLibrary.Get(FontLibrary.SansBold) is var bold
            && FontLibrary.PreferredFor(script, context)[0] == FontLibrary.Sans
            && (IsDefaultIgnorable(codePoint) || bold.Covers(codePoint)))
            return bold;
        foreach (var index in FontLibrary.PreferredFor(script, context))
        {
            var font = FontLibrary.Get(index);
            if (IsDefaultIgnorable(codePoint) || font.Covers(codePoint))
                return font;
        }
        foreach (var index in FontLibrary.Fallback)
        {
            var font = FontLibrary.Get(index);
            if (font.Covers(codePoint))
                return font;
        }
        // Clean() has replaced every character that no font has.
        return FontLibrary.Get(FontLibrary.Sans);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private GlyphRun ShapeItem(string text, Item item)
    {
        _buffer.ClearContents();
        _buffer.Flags = BufferFlags.RemoveDefaultIgnorables
            | (item.Start == 0 ? BufferFlags.BeginningOfText : 0)
            | (item.End == text.Length ? BufferFlags.EndOfText : 0);
        // The whole string is context, so Arabic letters join across a change of font or run.
        _buffer.AddUtf16(text, item.Start, item.End - item.Start);
        _buffer.Direction = item.Rtl ? Direction.RightToLeft : Direction.LeftToRight;
        if (item.Script != Script.Common && item.Script != Script.Inherited && item.Script != Script.Unknown && !item.Digits)
            _buffer.Script = item.Script;
        _buffer.GuessSegmentProperties();
        item.Font.Font.Shape(_buffer);

        var infos = _buffer.GetGlyphInfoSpan();
        var positions = _buffer.GetGlyphPositionSpan();
        var n = infos.Length;
        var glyphs = new uint[n];
        var clusters = new int[n];
        var advances = new int[n];
        var xOffsets = new int[n];
        var yOffsets = new int[n];
        for (var g = 0; g < n; g++)
        {
            glyphs[g] = infos[g].Codepoint;
            clusters[g] = (int)infos[g].Cluster;
            advances[g] = positions[g].XAdvance;
            xOffsets[g] = positions[g].XOffset;
            yOffsets[g] = positions[g].YOffset;
        }
        return new GlyphRun(item.Font, text, item.Start, item.End, glyphs, clusters, advances, xOffsets, yOffsets);
    }

    // Embedding levels: even reads left to right, odd right to left. A left-to-right run inside a
    // right-to-left paragraph, and digits inside right-to-left text, sit one level up.
    private static int Level(Item item, bool baseRtl) =>
        (baseRtl, item.Rtl) switch
        {
            (false, false) => 0,
            (false, true) => 1,
            (true, true) => 1,
            (true, false) => 2,
        } + (!baseRtl && item.Digits ? 2 : 0);

    // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at
    // that level or above.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GlyphRun[] Reorder(List<GlyphRun> runs, int[] levels)
    {
        var ordered = runs.ToArray();
        var order = levels.ToArray();
        var max = order.Length == 0 ? 0 : order.Max();
        for (var level = max; level >= 1; level--)
        {
            var i = 0;
            while (i < ordered.Length)
            {
                if (order[i] < level)
                {
                    i++;
                    continue;
                }
                var j = i;
                while (j < ordered.Length && order[j] >= level)
                    j++;
                Array.Reverse(ordered, i, j - i);
                Array.Reverse(order, i, j - i);
                i = j;
            }
        }
        return ordered;
    }
}
