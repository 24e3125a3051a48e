using System.Globalization;

namespace Petitions.Core.Delivery;

// The letter on the front of the delivery pack. Staff may rewrite it per petition; the
// placeholders in braces are filled in when the pack is made, so the count is never retyped.
public static class CoverLetter
{
    public const string Default = """
        Dear {recipient},

        We are delivering to you the petition “{title}”, signed by {count} people.

        The petition’s text and demands follow, exactly as its signers read them, then a summary of where the signers live and the list of their names. Every online signature on the list was confirmed by its signer from their own email address; paper signatures were collected in person.

        We ask you to consider the petition and to respond to its demands.

        Yours sincerely,

        {organiser}
        """;

    public static readonly IReadOnlyList<string> Placeholders = ["{recipient}", "{title}", "{count}", "{organiser}", "{date}"];

    public static string Fill(string? template, string recipient, string title, long count, string organiser, DateOnly date) =>
        (string.IsNullOrWhiteSpace(template) ? Default : template)
            .Replace("{recipient}", recipient)
            .Replace("{title}", title)
            .Replace("{count}", count.ToString("N0", CultureInfo.InvariantCulture))
            .Replace("{organiser}", organiser)
            .Replace("{date}", LongDate(date));

    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
