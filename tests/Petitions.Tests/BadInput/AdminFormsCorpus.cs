using Petitions.Core;
using Petitions.Core.Abuse;

namespace Petitions.Tests.BadInput;

public abstract record AdminOutcome
{
    // The form comes back with this message at the field and in the error summary.
    public sealed record FieldError(string FieldId, string Message) : AdminOutcome;
    // The form comes back with this message in the error summary only (the login page says the
    // same for every refusal, so as not to reveal which addresses have accounts).
    public sealed record Refused(string Message) : AdminOutcome;
    // Saved; any markup typed is on the next page as text, never as HTML.
    public sealed record Saved : AdminOutcome;
}

// Page: the address, with {petition} and {signature} for ids made for the case. Form: which form
// on the page. Fields: what is typed over the form's valid values. Multipart: sent as
// multipart/form-data, which carries a NUL (a urlencoded %00 is refused before any field is read).
public sealed record AdminCase(string Page, string Form, Dictionary<string, string> Fields, AdminOutcome Outcome, bool Multipart = false);

public static class AdminFormsCorpus
{
    private static readonly string Megabyte = new('x', 1024 * 1024);
    private const string LoginRefused = "That email and password did not work. After 5 failed attempts an account is locked for 15 minutes.";
    private const string TitleCannotBeShown = "The title contains characters that cannot be shown, such as line breaks or control characters.";
    private const string TargetMessage = "The target must be a whole number from 1 to 100,000,000.";
    private const string InviteEmail = "Enter the email address of the person to invite, like name@example.org.";

    private static AdminCase Login(string field, string value, bool multipart = false) =>
        new("/admin/login", "main form", new() { [field] = value }, new AdminOutcome.Refused(LoginRefused), multipart);

    private static AdminCase New(string field, string value, AdminOutcome outcome, bool multipart = false) =>
        new("/admin/petitions/new", "main form", new() { [field] = value }, outcome, multipart);

    private static AdminCase Edit(string field, string value, AdminOutcome outcome, bool multipart = false) =>
        new("/admin/petitions/{petition}/edit", "form.narrow-form", new() { [field] = value }, outcome, multipart);

    private static AdminOutcome.FieldError Error(string field, string message) => new(field, message);

    public static readonly IReadOnlyDictionary<string, AdminCase> Cases = new Dictionary<string, AdminCase>
    {
        ["login: NUL in the email"] = Login("Input.Email", "admin\0@example.org", multipart: true),
        ["login: NUL in the password"] = Login("Input.Password", "pass\0word", multipart: true),
        ["login: CRLF and a header in the email"] = Login("Input.Email", "a@example.org\r\nBcc: x@y.z"),
        ["login: SQL as the email"] = Login("Input.Email", "' OR 1=1 --"),
        ["login: a script tag as the email"] = Login("Input.Email", "<script>alert(1)</script>"),
        ["login: a 1 MB password"] = Login("Input.Password", Megabyte),
        ["login: a 1 MB email"] = Login("Input.Email", Megabyte),

        ["new petition: NUL in the title"] = New("Input.Title", "Save\0 the river", Error("Input_Title", TitleCannotBeShown), multipart: true),
        ["new petition: a Bcc header after CRLF in the title"] = New("Input.Title", "Save the river\r\nBcc: victim@example.com", Error("Input_Title", TitleCannotBeShown)),
        ["new petition: a right-to-left override in the title"] = New("Input.Title", "Save the \u202Erevir", Error("Input_Title", TitleCannotBeShown)),
        ["new petition: a title of zero-width spaces"] = New("Input.Title", "\u200B\u200B", Error("Input_Title", "Enter a title.")),
        ["new petition: a 1 MB title"] = New("Input.Title", Megabyte, Error("Input_Title", "The title must be 200 characters or fewer.")),
        ["new petition: a 1 MB text"] = New("Input.Body", Megabyte, Error("Input_Body", "The text must be 20,000 characters or fewer.")),
        ["new petition: NUL in the text"] = New("Input.Body", "The river\0", Error("Input_Body", "The text contains characters that cannot be shown."), multipart: true),
        ["new petition: NUL in the summary"] = New("Input.Summary", "Stop\0", Error("Input_Summary", "The summary contains characters that cannot be shown."), multipart: true),
        ["new petition: an escape in the recipient"] = New("Input.RecipientName", "The \u001B[2JMinister", Error("Input_RecipientName", "The recipient contains characters that cannot be shown, such as line breaks or control characters.")),
        ["new petition: NUL in the address"] = New("Input.RecipientAddress", "1 River St\0", Error("Input_RecipientAddress", "The address contains characters that cannot be shown."), multipart: true),
        ["new petition: NUL in a demand"] = New("Input.Demands", "Stop the dumping\nClean\0 the river", Error("Input_Demands", "A demand contains characters that cannot be shown."), multipart: true),
        ["new petition: a web address of 5,000 characters"] = New("Input.Slug", new string('a', 5000), Error("Input_Slug", "The web address must be 100 characters or fewer.")),
        ["new petition: SQL as the web address"] = New("Input.Slug", "x'; DROP TABLE petitions; --", Error("Input_Slug", "Use only lower-case letters, digits and hyphens, like save-the-river.")),
        ["new petition: a target of 'abc'"] = New("Input.Target", "abc", Error("Input_Target", TargetMessage)),
        ["new petition: a target too big for a number"] = New("Input.Target", "99999999999999999999", Error("Input_Target", TargetMessage)),
        ["new petition: a negative target"] = New("Input.Target", "-5", Error("Input_Target", TargetMessage)),
        ["new petition: a target in full-width digits"] = New("Input.Target", "１０００", Error("Input_Target", TargetMessage)),
        ["new petition: a closing date of the 45th of the 13th month"] = New("Input.ClosesOn", "2026-13-45", Error("Input_ClosesOn", "Enter the closing date as YYYY-MM-DD, like 2026-12-31, or leave it empty.")),
        ["new petition: a closing date that is a script tag"] = New("Input.ClosesOn", "<script>", Error("Input_ClosesOn", "Enter the closing date as YYYY-MM-DD, like 2026-12-31, or leave it empty.")),
        ["new petition: an unknown city field mode"] = New("Input.CityField", "Bogus", Error("Input_CityField", "Choose whether the sign form asks for a city or postcode.")),
        ["new petition: a city field mode given as a number"] = New("Input.CityField", "42", Error("Input_CityField", "Choose whether the sign form asks for a city or postcode.")),
        ["new petition: a comment field mode given as flags"] = New("Input.CommentField", "Hidden, Required", Error("Input_CommentField", "Choose whether the sign form asks for a comment.")),
        ["new petition: a script tag in the title"] = New("Input.Title", "<script>alert(1)</script> Save the river", new AdminOutcome.Saved()),
        ["new petition: SQL in the title"] = New("Input.Title", "'; DROP TABLE petitions; --", new AdminOutcome.Saved()),

        ["edit petition: NUL in the title"] = Edit("Input.Title", "Save\0", Error("Input_Title", TitleCannotBeShown), multipart: true),
        ["edit petition: a line feed in the title"] = Edit("Input.Title", "Save\nthe river", Error("Input_Title", TitleCannotBeShown)),
        ["edit petition: a closing date that is not a date"] = Edit("Input.ClosesOn", "tomorrow", Error("Input_ClosesOn", "Enter the closing date as YYYY-MM-DD, like 2026-12-31, or leave it empty.")),
        ["edit petition: an image tag in the summary"] = Edit("Input.Summary", "<img src=x onerror=alert(1)>", new AdminOutcome.Saved()),

        ["invalidate: NUL in the reason"] = new("/admin/signatures/{signature}", "form.invalidate-form", new() { ["reason"] = "Fake\0" },
            Error("reason", "The reason contains characters that cannot be shown."), Multipart: true),
        ["invalidate: a 1 MB reason"] = new("/admin/signatures/{signature}", "form.invalidate-form", new() { ["reason"] = Megabyte },
            Error("reason", "The reason must be 500 characters or fewer.")),
        ["invalidate: a reason of zero-width spaces"] = new("/admin/signatures/{signature}", "form.invalidate-form", new() { ["reason"] = "\u200B\uFEFF" },
            Error("reason", "Enter the reason for invalidating.")),
        ["invalidate: a right-to-left override in the reason"] = new("/admin/signatures/{signature}", "form.invalidate-form", new() { ["reason"] = "Bot \u202Etxet" },
            Error("reason", "The reason contains characters that cannot be shown.")),
        ["invalidate: a script tag as the reason"] = new("/admin/signatures/{signature}", "form.invalidate-form", new() { ["reason"] = "<script>alert(1)</script>" },
            new AdminOutcome.Saved()),
        ["bulk invalidate: NUL in the reason"] = new("/admin/petitions/{petition}/signatures/bulk/invalidate", "form.bulk-form", new() { ["reason"] = "Bots\0" },
            Error("reason", "The reason contains characters that cannot be shown."), Multipart: true),

        ["abuse rules: a burst limit in full-width digits"] = new("/admin/rules", "main form", new() { ["Input.BurstLimit"] = "１０" },
            Error("Input_BurstLimit", "Enter the burst limit as a whole number of signatures, like 5.")),
        ["abuse rules: a burst limit too big for a number"] = new("/admin/rules", "main form", new() { ["Input.BurstLimit"] = "99999999999999999999" },
            Error("Input_BurstLimit", "Enter the burst limit as a whole number of signatures, like 5.")),
        ["abuse rules: a negative burst window"] = new("/admin/rules", "main form", new() { ["Input.BurstWindowSeconds"] = "-60" },
            Error("Input_BurstWindowSeconds", "The burst window must be from 1 to 3,600 seconds.")),
        ["abuse rules: NUL as the minimum fill time"] = new("/admin/rules", "main form", new() { ["Input.MinimumFillSeconds"] = "1\02" },
            Error("Input_MinimumFillSeconds", "Enter the minimum time to fill in the form as a whole number of seconds, like 3."), Multipart: true),
        ["abuse rules: SQL as the sustained limit"] = new("/admin/rules", "main form", new() { ["Input.SustainedLimit"] = "50; DROP TABLE abuse_rules" },
            Error("Input_SustainedLimit", "Enter the sustained limit as a whole number of signatures, like 50.")),

        ["access list: NUL after an IP address"] = new("/admin/rules/access-list/add", "main form", new() { ["Input.Value"] = "203.0.113.7\0" },
            Error("Input_Value", "Enter the value on one line, without control characters."), Multipart: true),
        ["access list: NUL in the note"] = new("/admin/rules/access-list/add", "main form", new() { ["Input.Note"] = "Spam\0" },
            Error("Input_Note", "The note contains characters that cannot be shown."), Multipart: true),
        ["access list: a 1 MB note"] = new("/admin/rules/access-list/add", "main form", new() { ["Input.Note"] = Megabyte },
            Error("Input_Note", "The note must be 500 characters or fewer.")),
        ["access list: an unknown list"] = new("/admin/rules/access-list/add", "main form", new() { ["Input.List"] = "Everyone" },
            Error("Input_List", "Choose the block list or the allow list.")),
        ["access list: a kind given as a number"] = new("/admin/rules/access-list/add", "main form", new() { ["Input.Kind"] = "7" },
            Error("Input_Kind", "Choose what kind of value this is.")),

        ["invite staff: a Bcc header after CRLF in the email"] = new("/admin/staff", "form[action*='handler=Invite']", new() { ["Input.Email"] = "new@example.org\r\nBcc: x@y.z" },
            Error("Input_Email", InviteEmail)),
        ["invite staff: NUL in the email"] = new("/admin/staff", "form[action*='handler=Invite']", new() { ["Input.Email"] = "new\0@example.org" },
            Error("Input_Email", InviteEmail), Multipart: true),
        ["invite staff: a Cyrillic а in the email domain"] = new("/admin/staff", "form[action*='handler=Invite']", new() { ["Input.Email"] = "new@exаmple.org" },
            Error("Input_Email", InviteEmail)),
        ["invite staff: a 1 MB email"] = new("/admin/staff", "form[action*='handler=Invite']", new() { ["Input.Email"] = Megabyte + "@example.org" },
            Error("Input_Email", InviteEmail)),
        ["invite staff: a valid address of 254 characters"] = new("/admin/staff", "form[action*='handler=Invite']",
            new() { ["Input.Email"] = new string('a', 64) + "@" + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 57) + ".org" },
            new AdminOutcome.Saved()),
        ["invite staff: an unknown role"] = new("/admin/staff", "form[action*='handler=Invite']", new() { ["Input.Role"] = "Superuser" },
            Error("Input_Role", "Choose a role.")),
    };

    // Valid values for each form, over which a case types its own.
    public static Dictionary<string, string> ValidFields(string page) => page switch
    {
        "/admin/login" => new() { ["Input.Email"] = "nobody@example.org", ["Input.Password"] = "not the password" },
        "/admin/petitions/new" => new()
        {
            ["Input.Title"] = "Free the river",
            ["Input.Slug"] = $"river-{Guid.NewGuid():N}",
            ["Input.RecipientName"] = "The Minister for Rivers",
            ["Input.RecipientAddress"] = "1 River Street\nLondon",
            ["Input.Summary"] = "Stop the dumping.",
            ["Input.Body"] = "The river is dying.",
            ["Input.Demands"] = "Stop the dumping\nClean the river",
            ["Input.Target"] = "500",
            ["Input.ClosesOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"),
            ["Input.CityField"] = "Optional",
            ["Input.CommentField"] = "Optional",
        },
        "/admin/rules" => new()
        {
            ["Input.BurstLimit"] = "5", ["Input.BurstWindowSeconds"] = "60", ["Input.SustainedLimit"] = "50",
            ["Input.SustainedWindowMinutes"] = "1440", ["Input.MinimumFillSeconds"] = "3",
        },
        "/admin/rules/access-list/add" => new() { ["Input.List"] = "Block", ["Input.Kind"] = "IpRange", ["Input.Value"] = "203.0.113.7", ["Input.Note"] = "Spam" },
        "/admin/staff" => new() { ["Input.Email"] = $"new-{Guid.NewGuid():N}@example.org", ["Input.Role"] = "Moderator" },
        _ => [],
    };

    public static TheoryData<string> Names => [.. Cases.Keys];
}
