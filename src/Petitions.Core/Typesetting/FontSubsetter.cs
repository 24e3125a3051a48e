using System.Runtime.InteropServices;

namespace Petitions.Core.Typesetting;

// HarfBuzz's subsetter, from the same native library HarfBuzzSharp ships; HarfBuzzSharp does not
// wrap it. A volume embeds only the glyphs it draws: Noto Sans SC alone is 10 MB, and a list of
// names uses a few thousand of its 30,000 glyphs.
internal static partial class FontSubsetter
{
    private const string Library = "libHarfBuzzSharp";

    // hb_subset_flags_t: no hinting instructions (PDF viewers do not need them), and glyph ids
    // kept as they are, so the ids already written in the page content stay valid.
    private const uint NoHinting = 0x1;
    private const uint RetainGlyphIds = 0x2;

    // hb_subset_sets_t
    private const int DropTableTags = 3;

    public static byte[]? Subset(EmbeddedFont font, IEnumerable<uint> glyphs)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
            return null;
        try
        {
            var glyphSet = hb_subset_input_glyph_set(input);
            hb_set_add(glyphSet, 0);
            foreach (var glyph in glyphs)
                hb_set_add(glyphSet, glyph);
            // Shaping is done; the layout tables would only pull in glyphs nobody draws.
            var drop = hb_subset_input_set(input, DropTableTags);
            foreach (var tag in new[] { "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "morx", "kerx", "kern" })
                hb_set_add(drop, TagOf(tag));
            hb_subset_input_set_flags(input, NoHinting | RetainGlyphIds);

            var subset = hb_subset_or_fail(font.Face.Handle, input);
            if (subset == IntPtr.Zero)
                return null;
            try
            {
                var blob = hb_face_reference_blob(subset);
                try
                {
                    var data = hb_blob_get_data(blob, out var length);
                    if (data == IntPtr.Zero || length == 0)
                        return null;
                    var bytes = new byte[length];
                    Marshal.Copy(data, bytes, 0, (int)length);
                    return bytes;
                }
                finally
                {
                    hb_blob_destroy(blob);
                }
            }
            finally
            {
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    private static uint TagOf(string tag) => (uint)(tag[0] << 24 | tag[1] << 16 | tag[2] << 8 | tag[3]);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    private static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_glyph_set(IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_set(IntPtr input, int setType);

    [LibraryImport(Library)]
    private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);

    [LibraryImport(Library)]
    private static partial void hb_set_add(IntPtr set, uint codepoint);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_or_fail(IntPtr source, IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Library)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(Library)]
    private static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(Library)]
    private static partial void hb_face_destroy(IntPtr face);
}
