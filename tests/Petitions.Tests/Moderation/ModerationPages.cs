using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Moderation;

// What a moderator reads off the pages, and what the public sees of the count.
public static class ModerationPages
{
    public static string[] Names(this Browser.WebPage page) =>
        page.Document.QuerySelectorAll("table.signatures tbody th[scope=row]").Select(th => th.TextContent.Trim()).ToArray();

    public static long[] Ids(this Browser.WebPage page) =>
        page.Document.QuerySelectorAll("table.signatures tbody tr").Select(tr => long.Parse(tr.GetAttribute("data-id")!)).ToArray();

    public static string? Link(this Browser.WebPage page, string rel) =>
        page.Document.QuerySelector($"a[rel={rel}]")?.GetAttribute("href");

    public static string Notice(this Browser.WebPage page) => page.Text(".notice");

    // The count as anyone can read it from the public API.
    public static async Task<long> PublicCountAsync(this PetitionsApp app, string slug)
    {
        using var anyone = app.Browser();
        var petition = await anyone.Http.GetFromJsonAsync<JsonElement>($"/api/petitions/{slug}");
        return petition.GetProperty("signatureCount").GetInt64();
    }

    public static Task<long> SignatureIdAsync(this PetitionsApp app, string slug, string name) => app.WithDbAsync(db =>
        db.Signatures.Where(s => s.Name == name && db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug))
            .Select(s => s.Id).SingleAsync());

    public static Task<List<AuditEntry>> AuditAsync(this PetitionsApp app, string action, string target) => app.WithDbAsync(db =>
        db.AuditEntries.Where(a => a.Action == action && a.Target == target).OrderBy(a => a.Id).ToListAsync());

    public static JsonElement Details(this AuditEntry entry) => JsonDocument.Parse(entry.Details!).RootElement;
}
