using System.Reflection;
using HarfBuzzSharp;

namespace Petitions.Core.Typesetting;

public enum TextWeight
{
    Regular,
    Bold,
}

// The fonts the delivery pack is set in: Noto Sans for Latin, Greek and Cyrillic, and a Noto
// family for each other script signers write their names in. They ship inside this assembly
// (Typesetting/Fonts, with their OFL licences), so a PDF looks the same on every server and never
// depends on the fonts a machine happens to have.
internal static class FontLibrary
{
    public const int Sans = 0;
    public const int SansBold = 1;
    public const int Arabic = 2;
    public const int Hebrew = 3;
    public const int Devanagari = 4;
    public const int Thai = 5;
    public const int Korean = 6;
    public const int Japanese = 7;
    public const int SimplifiedChinese = 8;
    public const int TraditionalChinese = 9;

    private static readonly string[] Files =
    [
        "NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular", "NotoSansHebrew-Regular",
        "NotoSansDevanagari-Regular", "NotoSansThai-Regular", "NotoSansKR-Regular", "NotoSansJP-Regular",
        "NotoSansSC-Regular", "NotoSansTC-Regular",
    ];

    private static readonly Lazy<EmbeddedFont[]> Loaded = new(Load);

    public static IReadOnlyList<EmbeddedFont> All => Loaded.Value;

    public static EmbeddedFont Get(int index) => Loaded.Value[index];

    public static int Count => Files.Length;

    private static unsafe EmbeddedFont[] Load()
    {
        var assembly = typeof(FontLibrary).Assembly;
        var fonts = new EmbeddedFont[Files.Length];
        for (var i = 0; i < Files.Length; i++)
        {
            var resource = $"Petitions.Fonts.{Files[i]}.ttf";
            // A resource of a loaded assembly is a view of the mapped file: HarfBuzz reads it in
            // place, and it stays valid for as long as the process runs.
            if (assembly.GetManifestResourceStream(resource) is not UnmanagedMemoryStream stream)
                throw new InvalidOperationException($"The font {resource} is missing from {assembly.GetName().Name}.");
            var blob = new Blob((IntPtr)stream.PositionPointer, checked((int)stream.Length), MemoryMode.ReadOnly);
            blob.MakeImmutable();
            fonts[i] = new EmbeddedFont(i, Files[i], blob);
        }
        return fonts;
    }

    // Fonts to try for a script, best first. Han characters are shared by Chinese, Japanese and
    // Korean, whose forms differ: a name with kana is Japanese and one with Hangul Korean, so its
    // Han characters take that language's font; otherwise simplified Chinese, then traditional
    // for characters only it has.
    public static ReadOnlySpan<int> PreferredFor(Script script, NameContext context)
    {
        if (script == Script.Arabic)
            return [Arabic, Sans];
        if (script == Script.Hebrew)
            return [Hebrew, Sans];
        if (script == Script.Devanagari)
            return [Devanagari, Sans];
        if (script == Script.Thai)
            return [Thai, Sans];
        if (script == Script.Hangul)
            return [Korean, SimplifiedChinese, TraditionalChinese, Japanese];
        if (script == Script.Hiragana || script == Script.Katakana)
            return [Japanese, SimplifiedChinese, TraditionalChinese, Korean];
        if (script == Script.Han || script == Script.Bopomofo)
        {
            return context switch
            {
                NameContext.Japanese => [Japanese, SimplifiedChinese, TraditionalChinese, Korean],
                NameContext.Korean => [Korean, SimplifiedChinese, TraditionalChinese, Japanese],
                _ => [SimplifiedChinese, TraditionalChinese, Japanese, Korean],
            };
        }
        return [Sans];
    }

    // Every font, in the order tried when the preferred ones lack a character.
    public static ReadOnlySpan<int> Fallback => [Sans, Arabic, Hebrew, Devanagari, Thai, SimplifiedChinese, TraditionalChinese, Japanese, Korean];
}

internal enum NameContext
{
    None,
    Japanese,
    Korean,
}
