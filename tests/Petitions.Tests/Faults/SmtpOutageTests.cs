using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Faults;

// The mail server away for longer than the retry delays take to reach their cap, then back.
// Each test stops the SMTP server, so each gets an app of its own. The fixture's retry delays
// start at 0.2 s and are capped at 1 s.
public sealed class SmtpOutageTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Emails_accepted_while_smtp_is_down_are_all_sent_once_when_it_returns()
    {
        await using var app = new PetitionsApp();
        await app.InitializeAsync();
        var slug = await A.Petition().Open().BuildAsync(app);
        await app.Mail.StopAsync();
        var outage = Stopwatch.StartNew();

        using var browser = app.Browser();
        var emails = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var email = SignForm.UniqueEmail($"down{i}");
            emails.Add(email);
            Assert.Equal("Check your email", (await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email))).Heading);
        }

        // Long enough that every email has been retried well past the point where doubling
        // delays reach the cap: uncapped, the next wait would be 0.2 s × 2⁷ ≈ 26 s.
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.Attempts >= 8)),
            TimeSpan.FromSeconds(60), "every email retried eight times");
        Assert.Empty(app.Mail.Messages);
        var attempts = await app.WithDbAsync(db => db.OutboxMessages.MaxAsync(m => m.Attempts));
        // Retries do not pile up either: at most one a capped delay (less 10% jitter) after the first few.
        Assert.InRange(attempts, 8, 5 + (int)(outage.Elapsed / (Cap * 0.9)));

        await app.Mail.StartAsync();
        var back = Stopwatch.StartNew();

        foreach (var email in emails)
            await app.Inbox.WaitForAsync(email);
        // Within about one capped delay of the server's return, not after the doubled-up waits.
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(8), $"The backlog took {back.Elapsed.TotalSeconds:0.0} s to go out.");
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null && m.LockedUntil == null)),
            TimeSpan.FromSeconds(20), "every outbox row marked sent");

        // Every row was marked sent after the server accepted it, so the inbox is complete now.
        var received = app.Mail.Messages;
        var rows = await app.WithDbAsync(db => db.OutboxMessages.Select(m => new { m.MessageId, m.ToAddress }).ToListAsync());
        Assert.Equal(rows.Count, received.Count);
        Assert.Equal(rows.Select(r => r.MessageId).Order(), received.Select(m => m.MessageId).Order());
        Assert.All(emails, email => Assert.Single(app.Inbox.To(email)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.LastError != null)));
    }

    [Fact]
    public async Task Staff_see_the_email_backlog_and_the_smtp_error_on_the_dashboard_until_it_clears()
    {
        await using var app = new PetitionsApp();
        await app.InitializeAsync();
        app.Mail.RefusesRecipient = address => address.StartsWith("no-such-mailbox", StringComparison.Ordinal);
        var slug = await A.Petition().Open().BuildAsync(app);
        using var staff = await app.StaffBrowserAsync(StaffRoles.Moderator);
        using var supporter = app.Browser();

        // One address the server refuses for good, while it is still up.
        var refused = SignForm.UniqueEmail("no-such-mailbox");
        await supporter.SubmitAsync(await supporter.GetAsync($"/petitions/{slug}"), SignForm.Valid(refused));
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.FailedAt != null)),
            TimeSpan.FromSeconds(20), "the refused email recorded as failed");

        var healthy = await staff.GetAsync("/admin");
        Assert.Equal("0", healthy.Text(".outbox__unsent"));
        Assert.Equal("1", healthy.Text(".outbox__failed"));
        Assert.False(healthy.Has(".outbox__error"));

        await app.Mail.StopAsync();
        for (var i = 0; i < 3; i++)
            await supporter.SubmitAsync(await supporter.GetAsync($"/petitions/{slug}"), SignForm.Valid(SignForm.UniqueEmail("waiting")));
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null && m.FailedAt == null && m.LastError != null)) == 3,
            TimeSpan.FromSeconds(20), "the sender recorded why the waiting emails did not go");
        var error = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.SentAt == null && m.FailedAt == null)
            .OrderByDescending(m => m.LastErrorAt).Select(m => m.LastError).FirstAsync());

        var down = await staff.GetAsync("/admin");
        Assert.Equal("3", down.Text(".outbox__unsent"));
        Assert.NotEqual("–", down.Text(".outbox__oldest"));
        Assert.Equal("1", down.Text(".outbox__failed"));
        Assert.Contains("Email is not going out", down.Text("#outbox .notice"));
        Assert.False(string.IsNullOrWhiteSpace(down.Text(".outbox__error")));
        // The page shows what the server said, not a generic message.
        Assert.Contains(error!, down.Html.Replace("&#x27;", "'"));

        await app.Mail.StartAsync();
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null || m.FailedAt != null)),
            TimeSpan.FromSeconds(20), "the waiting emails sent");

        var after = await staff.GetAsync("/admin");
        Assert.Equal("0", after.Text(".outbox__unsent"));
        Assert.Equal("–", after.Text(".outbox__oldest"));
        Assert.Equal("1", after.Text(".outbox__failed"));
        Assert.False(after.Has(".outbox__error"));
    }
}
