using System.Text.RegularExpressions;
using Petitions.Core.Email;
using Petitions.Local.Mail;

namespace Petitions.BrowserTests.Infrastructure;

// The links a supporter finds in their email.
public static partial class Links
{
    public static string Manage(CapturedMail message) =>
        ManageLink().Match(message.Text) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No link to manage the signature in:\n{message.Text}");

    [GeneratedRegex(@"https?://\S+/signatures/manage/[A-Za-z0-9_-]+")]
    private static partial Regex ManageLink();
}
