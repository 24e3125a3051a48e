namespace Petitions.Core.Sharing;

// One way to pass the petition on: the name shown to the supporter and the address that does it.
public sealed record ShareLink(string Service, string Label, string Url);

// Each service's public "share this address" URL, so that sharing is a plain link: no service's
// script runs on the petition page, no service learns who merely looked at it, and the links work
// without JavaScript. Someone who shares a petition against a government may be watched; a plain
// link tells the service nothing until they choose to use it.
public static class ShareLinks
{
    // The message is what the supporter is offered to send ("Please sign this petition: …"), in
    // the language of the page they share from; the title is the email's subject.
    public static IReadOnlyList<ShareLink> For(string petitionUrl, string title, string message)
    {
        var url = Uri.EscapeDataString(petitionUrl);
        var text = Uri.EscapeDataString(message);
        var textAndUrl = Uri.EscapeDataString($"{message} {petitionUrl}");
        return
        [
            // Uri.EscapeDataString writes spaces as %20, which mail programs read; a '+' they would show.
            new("email", "Email", $"mailto:?subject={Uri.EscapeDataString(title)}&body={Uri.EscapeDataString($"{message}\n\n{petitionUrl}")}"),
            new("whatsapp", "WhatsApp", $"https://wa.me/?text={textAndUrl}"),
            new("telegram", "Telegram", $"https://t.me/share/url?url={url}&text={text}"),
            new("x", "X", $"https://x.com/intent/tweet?url={url}&text={text}"),
            new("facebook", "Facebook", $"https://www.facebook.com/sharer/sharer.php?u={url}"),
            new("line", "LINE", $"https://social-plugins.line.me/lineit/share?url={url}"),
            // Kakao documents sharing to KakaoTalk only through its JavaScript SDK, which needs an
            // app key and would run Kakao's script on the page. Its web sharer takes the address as
            // a plain link instead and lets the supporter pick the friends or chat to send it to.
            new("kakaotalk", "KakaoTalk", $"https://sharer.kakao.com/talk/friends/picker/shorturl?url={url}"),
            new("weibo", "Weibo", $"https://service.weibo.com/share/share.php?url={url}&title={text}"),
        ];
    }
}
