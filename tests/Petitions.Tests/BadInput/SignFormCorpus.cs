namespace Petitions.Tests.BadInput;

// What a supporter (or a bot) may type into the sign form, and what each must get back. A case
// is looked up by its name, so a failing test says which input failed without printing a
// megabyte of it.
public abstract record SignOutcome
{
    // The form comes back with this message at the field and in the error summary; nothing is stored.
    public sealed record FieldError(string FieldId, string Message) : SignOutcome;
    // The signature is taken and stored exactly as typed (less surrounding spaces), and the
    // confirmation email reaches the address.
    public sealed record Stored : SignOutcome;
}

// Value is typed text; Encoded is already percent-encoded, for bytes no text can hold.
// Multipart: sent as multipart/form-data, which carries a NUL as it is (a urlencoded %00 is
// refused by the framework's form reader before any field is read; RequestShapeBadInputTests).
public sealed record SignCase(string Field, string? Value, SignOutcome Outcome, string? Encoded = null, bool Multipart = false);

public static class SignFormCorpus
{
    private const string Name = "Input.Name", Email = "Input.Email", Country = "Input.Country", City = "Input.City", Comment = "Input.Comment";
    private static readonly string Megabyte = new('x', 1024 * 1024);

    private const string NameCannotBeShown = "Your name contains characters that cannot be shown.";
    private const string CityCannotBeShown = "Your city or postcode contains characters that cannot be shown.";
    private const string CommentCannotBeShown = "Your comment contains characters that cannot be shown.";
    private const string EmailFormat = "Enter an email address in the right format, like name@example.com.";
    private const string EmailMixes = "Your email address mixes letters from different alphabets, such as a Cyrillic а among Latin letters. Check it is typed correctly.";

    private static SignOutcome NameError(string message) => new SignOutcome.FieldError("Input_Name", message);
    private static SignOutcome EmailError(string message) => new SignOutcome.FieldError("Input_Email", message);
    private static readonly SignOutcome Stored = new SignOutcome.Stored();

    public static readonly IReadOnlyDictionary<string, SignCase> Cases = new Dictionary<string, SignCase>
    {
        // Oversized fields: a clear "too long", not a 413, since the whole form is still small enough to read.
        ["a 1 MB name"] = new(Name, Megabyte, NameError("Your name must be 200 characters or fewer.")),
        ["a 1 MB email address"] = new(Email, Megabyte + "@example.org", EmailError(EmailFormat)),
        ["a 1 MB city"] = new(City, Megabyte, new SignOutcome.FieldError("Input_City", "Your city or postcode must be 100 characters or fewer.")),
        ["a 1 MB comment"] = new(Comment, Megabyte, new SignOutcome.FieldError("Input_Comment", "Your comment must be 500 characters or fewer.")),
        ["a 1 MB country"] = new(Country, Megabyte, new SignOutcome.FieldError("Input_Country", "Choose your country from the list.")),

        // Control characters. PostgreSQL refuses NUL in text, so it must never get that far.
        ["NUL in the name"] = new(Name, "Bob\0Smith", NameError(NameCannotBeShown), Multipart: true),
        ["NUL in the email address"] = new(Email, "bob\0@example.org", EmailError(EmailFormat), Multipart: true),
        ["NUL in the city"] = new(City, "Lon\0don", new SignOutcome.FieldError("Input_City", CityCannotBeShown), Multipart: true),
        ["NUL in the comment"] = new(Comment, "Yes\0", new SignOutcome.FieldError("Input_Comment", CommentCannotBeShown), Multipart: true),
        ["NUL as the country"] = new(Country, "\0", new SignOutcome.FieldError("Input_Country", "Choose your country from the list."), Multipart: true),
        ["a terminal escape in the name"] = new(Name, "\u001B[31mBob", NameError(NameCannotBeShown)),
        ["backspaces in the name"] = new(Name, "Bob\b\b\bEve", NameError(NameCannotBeShown)),
        ["a C1 next-line control in the name"] = new(Name, "Bob\u0085Smith", NameError(NameCannotBeShown)),
        ["a Unicode line separator in the name"] = new(Name, "Bob\u2028Smith", NameError(NameCannotBeShown)),
        ["a tab in the name"] = new(Name, "Bob\tSmith", NameError(NameCannotBeShown)),

        // Bytes that are not text: the form reader turns them into U+FFFD, which must not be
        // stored as if the supporter had typed it.
        ["invalid UTF-8 bytes in the name"] = new(Name, null, NameError(NameCannotBeShown), Encoded: "Bob%FF%FESmith"),
        ["a lone surrogate (UTF-8 of U+D800) in the name"] = new(Name, null, NameError(NameCannotBeShown), Encoded: "Bob%ED%A0%80"),
        ["a lone surrogate (UTF-8 of U+DC00) in the city"] = new(City, null, new SignOutcome.FieldError("Input_City", CityCannotBeShown), Encoded: "%ED%B0%80"),

        // Invisible characters: a name made only of them is no name.
        ["a name of zero-width spaces"] = new(Name, "\u200B\u200B\u200B", NameError("Enter your full name.")),
        ["a name of byte order marks"] = new(Name, "\uFEFF", NameError("Enter your full name.")),
        ["a name of Hangul fillers"] = new(Name, "\u3164\u3164", NameError("Enter your full name.")),
        ["a name of a zero-width space between spaces"] = new(Name, " \u200B ", NameError("Enter your full name.")),
        ["an email address of zero-width spaces"] = new(Email, "\u200B", EmailError("Enter your email address.")),
        ["a zero-width space inside the email domain"] = new(Email, "user@exa\u200Bmple.org", EmailError(EmailFormat)),
        ["a soft hyphen inside the email domain"] = new(Email, "user@exam\u00ADple.org", EmailError(EmailFormat)),
        ["a Persian name with a zero-width non-joiner"] = new(Name, "مهدی‌زاده", Stored),
        ["a family emoji joined by zero-width joiners"] = new(Name, "Ana 👩‍👩‍👧", Stored),

        // Bidi controls make a name show as something other than what is stored.
        ["a right-to-left override in the name"] = new(Name, "Bob\u202Egnp.exe", NameError(NameCannotBeShown)),
        ["a left-to-right override in the name"] = new(Name, "\u202DBob", NameError(NameCannotBeShown)),
        ["a first-strong isolate in the name"] = new(Name, "\u2068Bob\u2069", NameError(NameCannotBeShown)),
        ["a right-to-left isolate in the name"] = new(Name, "\u2067Bob", NameError(NameCannotBeShown)),
        ["a right-to-left override in the city"] = new(City, "\u202Enodnol", new SignOutcome.FieldError("Input_City", CityCannotBeShown)),
        ["a right-to-left override in the comment"] = new(Comment, "Fine \u202Etxet", new SignOutcome.FieldError("Input_Comment", CommentCannotBeShown)),
        ["an Arabic name, which needs no bidi controls"] = new(Name, "محمد عبدالله", Stored),

        // Markup and SQL are text like any other.
        ["a script tag as the name"] = new(Name, "<script>alert(1)</script>", Stored),
        ["an image tag with onerror as the name"] = new(Name, "<img src=x onerror=alert(1)>", Stored),
        ["an HTML entity as the name"] = new(Name, "Tom &amp; Jerry &lt;b&gt;", Stored),
        ["SQL that drops the signatures table as the name"] = new(Name, "'; DROP TABLE signatures; --", Stored),
        ["SQL that is always true as the name"] = new(Name, "' OR 1=1 --", Stored),
        ["SQL as the city"] = new(City, "Paris'); DELETE FROM petitions; --", Stored),
        ["a script tag as the comment"] = new(Comment, "<script>alert('x')</script>\nSecond line", Stored),

        // Email header injection.
        ["a Bcc header after CRLF in the name"] = new(Name, "Bob\r\nBcc: victim@example.com", NameError(NameCannotBeShown)),
        ["a Bcc header after LF in the name"] = new(Name, "Bob\nBcc: victim@example.com", NameError(NameCannotBeShown)),
        ["a Bcc header after CRLF in the email address"] = new(Email, "a@example.com\r\nBcc: x@y.z", EmailError(EmailFormat)),
        ["a second address after a comma in the email address"] = new(Email, "a@example.com, victim@example.com", EmailError(EmailFormat)),
        ["an address in angle brackets with a display name"] = new(Email, "Eve <eve@example.com>", EmailError(EmailFormat)),

        // Look-alike and international addresses.
        ["a Cyrillic а in the local part"] = new(Email, "pаypal@example.com", EmailError(EmailMixes)),
        ["a Cyrillic а in the domain"] = new(Email, "user@gmаil.com", EmailError(EmailMixes)),
        ["a Greek omicron in the domain"] = new(Email, "user@gοogle.com", EmailError(EmailMixes)),
        ["an IDN domain with an umlaut"] = new(Email, "user@bücher.de", Stored),
        ["an IDN domain in Japanese"] = new(Email, "user@例え.jp", Stored),
        ["an IDN domain all in Cyrillic"] = new(Email, "user@пример.рф", Stored),

        // Checkbox garbage.
        ["a consent box sent as 'maybe'"] = new("Input.Consent", "maybe", new SignOutcome.FieldError("Input_Consent", "Tick the box to agree that your signature will be delivered.")),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];
}
