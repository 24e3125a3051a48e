using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Petitions.Core.Text;

// What every free-text field accepts, in one place, so that the sign form, the staff forms, the
// paper import and the check over stored rows all agree on what "plain text" means.
public static partial class TextRules
{
    // Counted in Unicode scalar values, as PostgreSQL counts varchar length, so a name of
    // 200 Hangul syllables or emoji fits exactly when the form says it does.
    public static int CharacterCount(string value) => value.EnumerateRunes().Count();

    // One line of text that can be shown, stored and put in a mail header as typed.
    //  - Control characters (NUL, escape, CR/LF) cannot be stored faithfully (PostgreSQL refuses
    //    NUL), break lines in emails and CSV, and are never part of a name.
    //  - Lone surrogates are not text: UTF-8 cannot hold them.
    //  - U+FFFD is what a decoder puts where bytes were not UTF-8 (a raw form post, a lone
    //    surrogate sent as %ED%A0%80): storing it would keep damage, not what was typed.
    //  - U+2028/U+2029 are line breaks by another name.
    //  - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused rather
    //    than stripped: "Bob\u202Egnp.exe" shows as "Bobexe.png", so a name holding one can show
    //    as something other than what is stored, in the moderation list and the delivered PDF.
    //    Right-to-left names need none of them (the letters carry their own direction), so a
    //    real signer never meets this; stripping would quietly store a name the signer did not
    //    see, which is worse than asking them to type it again.
    public static bool IsOneLine(string? value) => value is null || Check(value, allowLineBreaks: false, allowBidiControls: false);

    // Several lines of text (a comment, an address): as one line, but line breaks and tabs are fine.
    public static bool IsMultiLine(string? value) => value is null || Check(value, allowLineBreaks: true, allowBidiControls: false);

    // Staff-written Markdown (a petition's body): bidi isolates may be there on purpose, around
    // a quotation in another script, and the body is rendered as Markdown, not put in headers.
    public static bool IsDocument(string? value) => value is null || Check(value, allowLineBreaks: true, allowBidiControls: true);

    // Nothing a reader could see: empty, spaces, or only invisible characters such as U+200B
    // (zero-width space), U+FEFF (byte order mark) or the Hangul filler. A name made of these
    // shows as a blank line in the delivered list, so it is treated as no name at all.
    public static bool IsBlank(string? value) =>
        value is null || value.EnumerateRunes().All(r => Rune.IsWhiteSpace(r) || IsInvisible(r));

    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x034F;

    // "%ED%A0%80" left in a value: a form decoder keeps percent escapes it cannot turn into
    // UTF-8 (a lone surrogate, stray bytes) as they were sent. In a person's name or town that is
    // never what they typed, so these fields treat it like any other character that cannot be shown.
    public static bool HasUndecodedBytes(string? value) =>
        value is not null && UndecodedByte().IsMatch(value);

    [GeneratedRegex("%[0-9A-Fa-f]{2}")]
    private static partial Regex UndecodedByte();

    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static bool Check(string value, bool allowLineBreaks, bool allowBidiControls)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                    return false;
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c) || c == '\uFFFD')
                return false;
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
                return false;
            if (!allowLineBreaks && c is '\u2028' or '\u2029')
                return false;
            if (!allowBidiControls && IsBidiControl(c))
                return false;
        }
        return true;
    }
}
