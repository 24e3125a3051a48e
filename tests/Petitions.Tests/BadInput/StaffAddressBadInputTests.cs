using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.BadInput;

// Garbage in the addresses of staff pages: ids that are not numbers, or are too big, or negative;
// filters with unknown values; cursors that are not cursors.
public sealed class StaffAddressBadInputTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    // Error: the filter form comes back with this message at this field. Listed: the list is shown
    // with this many signatures (a cursor or value that means nothing is ignored, not an error).
    public sealed record Expect(HttpStatusCode Status, string? FieldId = null, string? Message = null, int? Listed = null);

    private const string Filter = "/admin/petitions/{petition}/signatures";

    public static readonly IReadOnlyDictionary<string, (string Url, Expect Expect)> Cases = new Dictionary<string, (string, Expect)>
    {
        ["a petition id that is a word"] = ("/admin/petitions/abc/signatures", new(HttpStatusCode.NotFound)),
        ["a petition id too big for a number"] = ("/admin/petitions/99999999999999999999/signatures", new(HttpStatusCode.NotFound)),
        ["a negative petition id"] = ("/admin/petitions/-1/signatures", new(HttpStatusCode.NotFound)),
        ["a petition id that does not exist"] = ("/admin/petitions/2147483647", new(HttpStatusCode.NotFound)),
        ["a petition id with SQL"] = ("/admin/petitions/1%20OR%201=1/edit", new(HttpStatusCode.NotFound)),
        ["a signature id that is a word"] = ("/admin/signatures/abc", new(HttpStatusCode.NotFound)),
        ["a signature id too big for a number"] = ("/admin/signatures/99999999999999999999999", new(HttpStatusCode.NotFound)),
        ["a negative signature id"] = ("/admin/signatures/-5", new(HttpStatusCode.NotFound)),
        ["an unknown bulk change"] = ("/admin/petitions/{petition}/signatures/bulk/explode", new(HttpStatusCode.NotFound)),
        ["an import batch that is not a GUID"] = ("/admin/petitions/{petition}/import/not-a-guid", new(HttpStatusCode.NotFound)),
        ["an export of a petition that does not exist"] = ("/admin/petitions/2147483647/export", new(HttpStatusCode.NotFound)),

        ["an unknown status in the filter"] = (Filter + "?status=deleted", new(HttpStatusCode.OK, "status", "Choose a status from the list.")),
        ["a status given as a number"] = (Filter + "?status=3", new(HttpStatusCode.OK, "status", "Choose a status from the list.")),
        ["NUL in the name filter"] = (Filter + "?name=Ana%00", new(HttpStatusCode.OK, "name", "A name to search for cannot contain line breaks, control characters or direction marks.")),
        ["a right-to-left override in the name filter"] = (Filter + "?name=%E2%80%AEana", new(HttpStatusCode.OK, "name", "A name to search for cannot contain line breaks, control characters or direction marks.")),
        ["NUL in the email filter"] = (Filter + "?email=a%00@example.org", new(HttpStatusCode.OK, "email", "An email to search for cannot contain line breaks, control characters or direction marks.")),
        ["an overlong email filter"] = (Filter + "?email=" + new string('a', 300), new(HttpStatusCode.OK, "email", "An email to search for must be 254 characters or fewer.")),
        ["a homoglyph domain filter"] = (Filter + "?domain=gm%D0%B0il.com", new(HttpStatusCode.OK, "domain", "Enter an email domain like example.org.")),
        ["NUL as the country filter"] = (Filter + "?country=%00", new(HttpStatusCode.OK, "country", "Choose a country from the list.")),
        ["an IP filter out of range"] = (Filter + "?ip=999.1.1.1", new(HttpStatusCode.OK, "ip", "Enter an IP address like 203.0.113.7, or a range in CIDR form like 203.0.113.0/24.")),
        ["a start date in the 13th month"] = (Filter + "?from=2026-13-45", new(HttpStatusCode.OK, "from", "Enter the start date as YYYY-MM-DD, like 2026-11-27.")),
        ["an end date that is a script tag"] = (Filter + "?to=%3Cscript%3E", new(HttpStatusCode.OK, "to", "Enter the end date as YYYY-MM-DD, like 2026-11-27.")),

        ["SQL as the name filter"] = (Filter + "?name=%27%20OR%201%3D1%20--", new(HttpStatusCode.OK, Listed: 0)),
        ["a cursor that is a word"] = (Filter + "?after=abc", new(HttpStatusCode.OK, Listed: 2)),
        ["a cursor too big for a number"] = (Filter + "?before=99999999999999999999999", new(HttpStatusCode.OK, Listed: 2)),
        ["a negative cursor, which is past the end of the list"] = (Filter + "?after=-5", new(HttpStatusCode.OK, Listed: 0)),
        ["an audit log page cursor that is garbage"] = ("/admin/audit?before=%00%FF", new(HttpStatusCode.OK)),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_odd_staff_address_gets_a_404_a_field_error_or_the_list_as_it_is(string address)
    {
        var (url, expect) = Cases[address];
        var slug = await A.Petition().Open().With(A.Signature("Ana Silva"), A.Signature("Bo Lee")).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync(url.Replace("{petition}", petitionId.ToString()));

        Assert.Equal(expect.Status, page.Status);
        if (expect.FieldId is not null)
        {
            Assert.Equal($"Error: {expect.Message}", page.Text($"#{expect.FieldId}-error"));
            Assert.Equal(expect.Message, page.Text($".error-summary a[href='#{expect.FieldId}']"));
        }
        if (expect.Listed is { } listed)
        {
            Assert.False(page.Has(".error-summary"), page.Text(".error-summary"));
            Assert.Equal(listed, page.Document.QuerySelectorAll("a[href^='/admin/signatures/']").Length);
        }
        Assert.Equal(2, await app.SignatureRowsAsync(slug));
    }
}
