using System.Text.RegularExpressions;
using Petitions.Core.Email;
using Petitions.Local.Mail;

namespace Petitions.Tests.Infrastructure;

public sealed partial class Inbox(MailCatcher mail)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public Task<CapturedMail> WaitForAsync(string to, string? subjectContains = null) =>
        mail.WaitForAsync(m => m.To.Equals(to, StringComparison.OrdinalIgnoreCase)
            && (subjectContains is null || m.Subject.Contains(subjectContains, StringComparison.Ordinal)), Patience);

    public IReadOnlyList<CapturedMail> To(string to) =>
        mail.Messages.Where(m => m.To.Equals(to, StringComparison.OrdinalIgnoreCase)).ToArray();

    public static string ConfirmationLink(CapturedMail message) =>
        ConfirmLink().Match(message.Text) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No confirmation link in:\n{message.Text}");

    [GeneratedRegex(@"https?://\S+/confirm/[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();
}
