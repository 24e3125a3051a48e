using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Petitions.Core.Audit;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Hardening;

// Whether an address belongs to staff is nobody's business but the staff's. The login page says
// the same thing for every refusal (StaffAccountTests); the time it takes must not say it either.
// It hashes a hundred passwords as fast as it can, which would slow the other classes' requests,
// and their requests would blur its own measurements: it runs alone, after the others.
[Collection(nameof(SignInTimingTests))]
public sealed class SignInTimingTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const int Samples = 20;

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

        var kinds = new[] { "wrong", "unknown", "locked", "deactivated" };
        var times = kinds.ToDictionary(k => k, _ => new List<TimeSpan>());
        var answers = new Dictionary<string, string>();
        var random = new Random(20261203);
        // Interleaved, in a new order each round, so a burst of load from elsewhere on the machine
        // falls on every kind alike and no kind always follows another.
        for (var i = 0; i < Samples; i++)
        {
            foreach (var kind in kinds.OrderBy(_ => random.Next()))
            {
                var email = kind switch
                {
                    "wrong" => accounts[i],
                    "unknown" => $"nobody-{Guid.NewGuid():N}@example.org",
                    "locked" => lockedAccount,
                    _ => deactivatedAccount,
                };
                var (time, answer) = await SignInAsync(browser, form, email, "not the password " + i);
                times[kind].Add(time);
                answers[kind] = answer;
            }
        }

        // When unknown and locked addresses skipped the hashing, they were answered in 4-7 ms
        // and wrong passwords in 183-457 ms: a difference of nearly the whole hashing time. Now
        // every kind hashes once and what differs is a few database statements. Each kind is
        // compared with the wrong password of the same round, and the median of those differences
        // must be under a third of the hashing time: far from the old gap, and wide enough for a
        // machine whose other work makes single requests slow (the whole suite runs alongside).
        var wrong = Median(times["wrong"]);
        var report = string.Join(", ", times.Select(t => $"{t.Key} {Median(t.Value).TotalMilliseconds:0} ms"));
        foreach (var kind in kinds.Skip(1))
        {
            var difference = Median(times[kind].Zip(times["wrong"], (k, w) => k - w).ToList());
            Assert.True(difference.Duration() < wrong / 3, $"{kind}: median difference {difference.TotalMilliseconds:0} ms. Medians: {report}.");
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

[CollectionDefinition(nameof(SignInTimingTests), DisableParallelization = true)]
public sealed class SignInTimingCollection;
