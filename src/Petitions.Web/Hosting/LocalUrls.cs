using System.Text;

namespace Petitions.Web.Hosting;

public static class LocalUrls
{
    // A Location header may hold only ASCII: Kestrel throws on anything else, and a return
    // address of "/café" became a 500. Browsers send such addresses percent-encoded as UTF-8 and
    // read them back the same way, so that is how they are written. What is already ASCII,
    // escapes included, is left exactly as it is; a lone surrogate becomes U+FFFD, as a browser
    // would send it.
    public static string ForLocationHeader(string url)
    {
        if (Ascii.IsValid(url))
            return url;
        var escaped = new StringBuilder(url.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                escaped.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
                escaped.Append('%').Append(b.ToString("X2"));
        }
        return escaped.ToString();
    }
}
