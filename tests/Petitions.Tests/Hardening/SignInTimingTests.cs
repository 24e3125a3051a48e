using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Petitions.Core.Audit;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Hardening;

// Whether an address belongs to staff is nobody's business but the staff's. The login page says
// the same thing for every refusal (StaffAccountTests); the time it takes must not say it either.
public sealed class SignInTimingTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const int Samples = 16;

    [Fact]
    public async Task A_wrong_password_takes_as_long_as_an_unknown_a_locked_or_a_deactivated_address()
    {
        // A fresh account for each wrong password, so that none of them is locked by the others.
        var accounts = new List<string>();
        for (var i = 0; i < Samples; i++)
            accounts.Add(await app.CreateStaffAsync(StaffRoles.Moderator));
        var lockedAccount = await app.CreateStaffAsync(StaffRoles.Moderator);
        var deactivatedAccount = await app.CreateStaffAsync(StaffRoles.Moderator);
        var deactivatedId = await Staff.StaffSessions.IdOfAsync(app, deactivatedAccount);
        Assert.IsType<StaffResult.Done>(await app.WithServiceAsync<StaffAccess, StaffResult>(s => s.DeactivateAsync(deactivatedId, Actor.System, CancellationToken.None)));

        using var browser = app.Browser();
        var form = await browser.GetAsync("/admin/login");
        for (var i = 0; i < StaffPasswordCheck.FailuresPerSource; i++)
            await SignInAsync(browser, form, lockedAccount, "a wrong guess");
        // Unmeasured requests first, so no kind pays for the first compile or connection.
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync(browser, form, $"warm-up-{Guid.NewGuid():N}@example.org", "whatever");
            await SignInAsync(browser, form, lockedAccount, "whatever");
        }

        var times = new Dictionary<string, List<TimeSpan>> { ["wrong"] = [], ["unknown"] = [], ["locked"] = [], ["deactivated"] = [] };
        var answers = new Dictionary<string, string>();
        // Interleaved, so a burst of load from elsewhere on the machine falls on every kind alike.
        for (var i = 0; i < Samples; i++)
        {
            foreach (var (kind, email) in new[]
            {
                ("wrong", accounts[i]),
                ("unknown", $"nobody-{Guid.NewGuid():N}@example.org"),
                ("locked", lockedAccount),
                ("deactivated", deactivatedAccount),
            })
            {
                var (time, answer) = await SignInAsync(browser, form, email, "not the password " + i);
                times[kind].Add(time);
                answers[kind] = answer;
            }
        }

        // When unknown and locked addresses skipped the hashing, they were answered in 4-7 ms
        // and wrong passwords in 183-457 ms. Now every kind hashes once; what differs is a few
        // database statements, well inside a quarter of the hashing.
        var wrong = Median(times["wrong"]);
        var report = string.Join(", ", times.Select(t => $"{t.Key} {Median(t.Value).TotalMilliseconds:0} ms"));
        foreach (var kind in new[] { "unknown", "locked", "deactivated" })
        {
            Assert.True((Median(times[kind]) - wrong).Duration() < wrong / 4, $"Medians: {report}.");
            Assert.Equal(answers["wrong"], answers[kind]);
        }
    }

    private static async Task<(TimeSpan, string)> SignInAsync(Browser browser, Browser.WebPage form, string email, string password)
    {
        var fields = form.Document.QuerySelectorAll<IHtmlInputElement>("main form input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Append(new("Input.Email", email))
            .Append(new("Input.Password", password));
        var watch = Stopwatch.StartNew();
        var response = await browser.Http.PostAsync("/admin/login", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        var elapsed = watch.Elapsed;
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        // The page, less the form's own token and the address typed back into it.
        var main = page.QuerySelector("main .error-summary")?.TextContent.Trim() ?? "";
        return (elapsed, main);
    }

    private static TimeSpan Median(List<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
