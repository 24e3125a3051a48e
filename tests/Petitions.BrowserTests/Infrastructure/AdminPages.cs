using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.Core.Delivery;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Infrastructure;

// Every page of the staff area, in each state worth checking, reached as staff reach them. The
// ways in are seen signed out; the rest by a signed-in Admin (the role that sees them all), on one
// petition. Field ids and form shapes, not label words, find things, so the same steps work in
// every language.
public sealed class AdminPages(PetitionsApp app)
{
    public static readonly string[] SignedOut =
        ["login", "login-with-errors", "login-two-factor", "accept-invitation", "accept-invitation-with-errors"];

    public static readonly string[] Names =
    [
        .. SignedOut,
        "petitions", "petition-new", "petition-new-with-errors", "petition-edit", "petition-translate",
        "petition-translate-with-errors", "dashboard", "trending", "signatures", "signature-review", "bulk-invalidate",
        "import", "import-report", "export", "export-in-progress", "export-done", "delivery", "delivery-with-errors", "rules", "rules-add-entry", "audit", "staff",
        "staff-with-errors", "two-factor", "two-factor-with-errors",
        "updates", "update-new-with-errors", "update-draft", "update-in-progress", "update-sent", "update-translate",
    ];

    public static TheoryData<string, string> EveryPageInEveryLanguage() => EveryPageIn(Languages.All);

    // Every page in the languages of one part (Languages.Part), for a test class of its own.
    public static TheoryData<string, string> EveryPageInPart(int part, int parts) => EveryPageIn(Languages.Part(part, parts));

    private static TheoryData<string, string> EveryPageIn(IEnumerable<string> languages)
    {
        var data = new TheoryData<string, string>();
        foreach (var language in languages)
        {
            foreach (var name in Names)
                data.Add(name, language);
        }
        return data;
    }

    public static bool IsSignedOut(string name) => SignedOut.Contains(name);

    // An open petition with counted, flagged and pending signatures: something on every page.
    public async Task<int> PetitionAsync()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3)
            .With(A.Signature("Bilal Flagged").Flagged(), A.Signature("Chen Pending").Pending()).BuildAsync(app);
        return await app.PetitionIdAsync(slug);
    }

    // Opens the named page: a way in in a signed-out browser, any other in one an Admin has signed
    // in to (Staff.SignInAsAdminAsync), on the given petition (PetitionAsync).
    public async Task OpenAsync(IPage page, string name, int id)
    {
        switch (name)
        {
            case "login":
                await page.GotoAsync("/admin/login");
                return;
            case "login-with-errors":
                await page.GotoAsync("/admin/login");
                await page.Locator("main button[type=submit]").ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                return;
            case "login-two-factor":
                var (email, _) = await Staff.WithTwoFactorAsync(app, Core.Staff.StaffRoles.Moderator);
                await page.GotoAsync("/admin/login");
                await page.Locator("#Input_Email").FillAsync(email);
                await page.Locator("#Input_Password").FillAsync(PetitionsApp.StaffPassword);
                await page.Locator("main button[type=submit]").ClickAsync();
                await Expect(page.Locator("#Code")).ToBeVisibleAsync();
                return;
            case "accept-invitation":
                await page.GotoAsync("/admin/accept-invitation?email=new.staff%40example.org&token=not-a-real-token");
                return;
            case "accept-invitation-with-errors":
                await page.GotoAsync("/admin/accept-invitation?email=new.staff%40example.org&token=not-a-real-token");
                await page.Locator("main button[type=submit]").ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                return;
        }

        switch (name)
        {
            case "petitions":
                await page.GotoAsync("/admin");
                break;
            case "petition-new":
                await page.GotoAsync("/admin/petitions/new");
                break;
            case "petition-new-with-errors":
                await page.GotoAsync("/admin/petitions/new");
                await page.Locator("main form button[type=submit]").First.ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            case "petition-edit":
                await page.GotoAsync($"/admin/petitions/{id}/edit");
                break;
            case "petition-translate":
                await page.GotoAsync($"/admin/petitions/{id}/translations/ar");
                break;
            case "petition-translate-with-errors":
                // A title alone is half a translation.
                await page.GotoAsync($"/admin/petitions/{id}/translations/ar");
                await page.Locator("#Input_Title").FillAsync("عنوان فقط");
                await page.Locator("main form button[type=submit]").ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            case "dashboard":
                await page.GotoAsync($"/admin/petitions/{id}");
                break;
            case "trending":
                await page.GotoAsync($"/admin/petitions/{id}/trending");
                break;
            case "signatures":
                await page.GotoAsync($"/admin/petitions/{id}/signatures");
                break;
            case "signature-review":
                var signature = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == id && s.FlaggedAt != null).Select(s => s.Id).SingleAsync());
                await page.GotoAsync($"/admin/signatures/{signature}");
                break;
            case "bulk-invalidate":
                await page.GotoAsync($"/admin/petitions/{id}/signatures/bulk/invalidate?country=GB");
                break;
            case "import":
                await page.GotoAsync($"/admin/petitions/{id}/import");
                break;
            case "import-report":
                await page.GotoAsync($"/admin/petitions/{id}/import");
                await page.Locator("#file").SetInputFilesAsync(new FilePayload
                {
                    Name = "paper.csv",
                    MimeType = "text/csv",
                    Buffer = Encoding.UTF8.GetBytes(
                        "name,email,country,city,date\r\nAda Lovelace,ada@example.org,GB,London,2026-03-01\r\nNo Country,,,Paris,2026-03-01\r\n"),
                });
                await page.Locator("main form button[type=submit]").ClickAsync();
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/import/[0-9a-f-]+$"));
                break;
            case "export":
                await page.GotoAsync($"/admin/petitions/{id}/export");
                break;
            case "export-in-progress":
                // Held by another instance, so it stays in progress while the page is checked; on a
                // petition of its own, so that the shared one's exports can still finish.
                var held = await PetitionAsync();
                await HeldExport.InProgressAsync(app, held, ExportStage.WritingCsv, 1_250, 250_000);
                await page.GotoAsync($"/admin/petitions/{held}/export");
                await Expect(page.Locator(".export progress")).ToBeVisibleAsync();
                break;
            case "export-done":
                await page.GotoAsync($"/admin/petitions/{id}/export");
                // One finished export serves every later visit: the page lists the petition's exports.
                if (await page.Locator(".export__files a").CountAsync() == 0)
                    await page.Locator("form:not([action]) button[type=submit]").ClickAsync();
                // export-progress.js looks again every two seconds and brings in the files when done.
                try
                {
                    await Expect(page.Locator(".export__files a").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
                }
                catch (PlaywrightException ex)
                {
                    // Say what the worker and the page were doing, so a failure can be told apart.
                    var jobs = await app.WithDbAsync(db => db.ExportJobs.AsNoTracking().OrderBy(j => j.Id)
                        .Select(j => $"job {j.Id} petition {j.PetitionId}: {j.Status} '{j.Stage}' {j.RowsDone}/{j.RowsTotal} attempts {j.Attempts} locked until {j.LockedUntil:O} error {j.Error}")
                        .ToListAsync());
                    var again = await page.Context.APIRequest.GetAsync($"/admin/petitions/{id}/export", new() { MaxRedirects = 0 });
                    throw new InvalidOperationException(
                        $"No files after 60 s at {DateTimeOffset.UtcNow:O}. Export jobs:\n{string.Join("\n", jobs)}\n"
                        + $"The export page asked again now: {again.Status} {again.Headers.GetValueOrDefault("location")}", ex);
                }
                break;
            case "delivery":
            case "delivery-with-errors":
                // A petition of its own with a finished export: recording it would close the shared one.
                var toDeliver = await PetitionAsync();
                await Deliveries.FinishedExportAsync(app, toDeliver, 3);
                await page.GotoAsync($"/admin/petitions/{toDeliver}/delivery");
                if (name == "delivery-with-errors")
                {
                    await page.Locator("#Input_Place").FillAsync("");
                    await page.Locator("form[enctype] button[type=submit]").ClickAsync();
                    await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                }
                break;
            case "rules":
                await page.GotoAsync("/admin/rules");
                break;
            case "rules-add-entry":
                await page.GotoAsync("/admin/rules/access-list/add");
                break;
            case "audit":
                await page.GotoAsync("/admin/audit");
                break;
            case "staff":
                await page.GotoAsync("/admin/staff");
                break;
            case "staff-with-errors":
                await page.GotoAsync("/admin/staff");
                await page.Locator("form[action*='handler=Invite'] button[type=submit]").ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            case "two-factor":
                await page.GotoAsync("/admin/account/two-factor");
                break;
            case "two-factor-with-errors":
                await page.GotoAsync("/admin/account/two-factor");
                await page.Locator("form[action*='handler=Enable'] button[type=submit]").ClickAsync();
                await Expect(page.Locator(".error-summary, .field__error").First).ToBeVisibleAsync();
                break;
            case "updates":
                await UpdateDraft.EnsureAsync(app, id);
                await page.GotoAsync($"/admin/petitions/{id}/updates");
                break;
            case "update-new-with-errors":
                await page.GotoAsync($"/admin/petitions/{id}/updates/write");
                await page.Locator("main form button[type=submit]").ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            case "update-draft":
                await page.GotoAsync($"/admin/petitions/{id}/updates/{await UpdateDraft.EnsureAsync(app, id)}");
                break;
            case "update-in-progress":
            case "update-sent":
                // Held by another instance, so it stays as it is while the page is checked.
                var sending = await PetitionAsync();
                await Supporters.AddAsync(app, sending, Supporter.Named("Ana"), Supporter.Named("Ben"));
                var (updateId, _) = await HeldUpdate.SendingAsync(app, sending, "We met the minister");
                if (name == "update-sent")
                    await UpdateDraft.FinishAsync(app, updateId);
                await page.GotoAsync($"/admin/petitions/{sending}/updates/{updateId}");
                await Expect(page.Locator(".export__status")).ToBeVisibleAsync();
                break;
            case "update-translate":
                await page.GotoAsync($"/admin/petitions/{id}/updates/{await UpdateDraft.EnsureAsync(app, id)}/translations/ko");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such staff page.");
        }
    }
}
