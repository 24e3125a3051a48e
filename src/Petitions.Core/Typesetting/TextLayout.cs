using System.Globalization;
using System.Text;
using HarfBuzzSharp;

namespace Petitions.Core.Typesetting;

// Line breaking for shaped text: greedy, at spaces, between Chinese and Japanese characters
// (which need no spaces), and inside a word only when the word alone is wider than the line.
internal static class TextLayout
{
    public static List<ShapedText> Wrap(TextShaper shaper, string text, TextWeight weight, double size, double width)
    {
        var lines = new List<ShapedText>();
        var line = new StringBuilder();
        double lineWidth = 0;
        foreach (var token in Tokens(text))
        {
            var tokenWidth = shaper.ShapeCached(token, weight).WidthAt(size);
            if (tokenWidth > width)
            {
                // Wider than a line on its own: break it between characters.
                foreach (var piece in Split(shaper, token, weight, size, width))
                {
                    var pieceWidth = shaper.ShapeCached(piece, weight).WidthAt(size);
                    if (line.Length > 0 && lineWidth + pieceWidth > width)
                    {
                        lines.Add(shaper.Shape(line.ToString().TrimEnd(), weight));
                        line.Clear();
                        lineWidth = 0;
                    }
                    line.Append(piece);
                    lineWidth += pieceWidth;
                }
                continue;
            }
            if (line.Length > 0 && lineWidth + tokenWidth - TrailingSpaceWidth(shaper, token, weight, size) > width)
            {
                lines.Add(shaper.Shape(line.ToString().TrimEnd(), weight));
                line.Clear();
                lineWidth = 0;
            }
            line.Append(token);
            lineWidth += tokenWidth;
        }
        if (line.ToString().Trim().Length > 0)
            lines.Add(shaper.Shape(line.ToString().TrimEnd(), weight));
        return lines;
    }

    private static double TrailingSpaceWidth(TextShaper shaper, string token, TextWeight weight, double size) =>
        token.EndsWith(' ') ? shaper.ShapeCached(" ", weight).WidthAt(size) : 0;

    // Words with the spaces after them; each Chinese or Japanese character a token of its own.
    private static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        var afterSpace = false;
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var isSpace = element.Length > 0 && char.IsWhiteSpace(element[0]);
            var breaksAround = IsIdeographic(element);
            if (token.Length > 0 && ((afterSpace && !isSpace) || breaksAround))
            {
                yield return token.ToString();
                token.Clear();
            }
            token.Append(element);
            afterSpace = isSpace;
            if (breaksAround)
            {
                yield return token.ToString();
                token.Clear();
                afterSpace = false;
            }
        }
        if (token.Length > 0)
            yield return token.ToString();
    }

    private static bool IsIdeographic(string element)
    {
        if (element.Length == 0 || element[0] < 0x2E80)
            return false;
        var script = UnicodeFunctions.Default.GetScript(char.ConvertToUtf32(element, 0));
        return script == Script.Han || script == Script.Hiragana || script == Script.Katakana;
    }

    private static IEnumerable<string> Split(TextShaper shaper, string token, TextWeight weight, double size, double width)
    {
        var piece = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(token);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (piece.Length > 0 && shaper.Shape(piece + element, weight).WidthAt(size) > width)
            {
                yield return piece.ToString();
                piece.Clear();
            }
            piece.Append(element);
        }
        if (piece.Length > 0)
            yield return piece.ToString();
    }

    // Shrinks or truncates one line to a width, for running heads.
    public static ShapedText Truncate(TextShaper shaper, string text, TextWeight weight, double size, double width)
    {
        var shaped = shaper.Shape(text, weight);
        if (shaped.WidthAt(size) <= width)
            return shaped;
        var elements = StringInfo.ParseCombiningCharacters(text);
        int Prefix(int count) => count < elements.Length ? elements[count] : text.Length;
        var low = 0;
        var high = elements.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (shaper.Shape(text[..Prefix(mid)].TrimEnd() + "…", weight).WidthAt(size) <= width)
                low = mid;
            else
                high = mid - 1;
        }
        return shaper.Shape(text[..Prefix(low)].TrimEnd() + "…", weight);
    }
}
