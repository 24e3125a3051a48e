using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Email;

// Each test here stops or shares the SMTP server, so each gets an app of its own.
public sealed class OutboxTests
{
    [Fact]
    public async Task Smtp_down_then_up_every_email_arrives_and_none_twice()
    {
        await using var app = new PetitionsApp();
        await app.InitializeAsync();
        var slug = await A.Petition().Open().BuildAsync(app);
        await app.Mail.StopAsync();

        using var browser = app.Browser();
        var emails = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var email = SignForm.UniqueEmail($"down{i}");
            emails.Add(email);
            var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
            Assert.Equal("Check your email", page.Heading);
        }

        // The sender tries, fails, and records why.
        await WaitUntilAsync(() => app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.Attempts > 0 && m.LastError != null)));
        Assert.Empty(app.Mail.Messages);
        Assert.Equal(10, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)));

        await app.Mail.StartAsync();

        foreach (var email in emails)
            await app.Inbox.WaitForAsync(email);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(10, app.Mail.Messages.Count);
        Assert.Equal(10, app.Mail.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(emails, e => Assert.Single(app.Inbox.To(e)));
        Assert.Equal(10, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt != null && m.LastError == null)));
    }

    [Fact]
    public async Task Two_app_instances_on_one_database_send_each_email_once()
    {
        await using var app = new PetitionsApp();
        await app.InitializeAsync();
        await using var second = app.StartInstance();
        await app.Mail.StopAsync();

        // A backlog both instances see at once when SMTP comes back.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            for (var i = 0; i < 300; i++)
                outbox.Add(new EmailContent($"Backlog {i}", $"Message {i}", $"<p>Message {i}</p>"), $"backlog{i}@example.org", $"Reader {i}");
            await scope.ServiceProvider.GetRequiredService<PetitionsDbContext>().SaveChangesAsync();
        }
        await app.Mail.StartAsync();

        await WaitUntilAsync(() => Task.FromResult(app.Mail.Messages.Count >= 300), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(300, app.Mail.Messages.Count);
        Assert.Equal(300, app.Mail.Messages.Select(m => m.Subject).Distinct().Count());
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)));
    }

    [Fact]
    public async Task Every_email_has_text_and_html_parts_and_its_recorded_message_id()
    {
        await using var app = new PetitionsApp();
        await app.InitializeAsync();
        // Markup in the title (the confirmation names no signer: the address is not confirmed yet).
        var slug = await A.Petition().Open().Titled("<b>Save</b> the river").BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var browser = app.Browser();

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var message = await app.Inbox.WaitForAsync(email);

        Assert.Contains("\"<b>Save</b> the river\"", message.Text);
        Assert.Contains("<strong>&lt;b&gt;Save&lt;/b&gt; the river</strong>", message.Html);
        Assert.Equal("Petitions <petitions@example.org>", message.From.Replace("\"", ""));
        var recorded = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email));
        Assert.Equal(recorded.MessageId, message.MessageId);
        Assert.EndsWith("@example.org", recorded.MessageId);
    }

    [Fact]
    public async Task An_address_the_server_refuses_for_good_is_recorded_as_failed_and_not_retried_while_others_go_out()
    {
        await using var app = new PetitionsApp();
        await app.InitializeAsync();
        app.Mail.RefusesRecipient = address => address.StartsWith("nobody-here", StringComparison.Ordinal);
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var refused = SignForm.UniqueEmail("nobody-here");
        var fine = SignForm.UniqueEmail("fine");

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(refused));
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(fine));

        await app.Inbox.WaitForAsync(fine);
        await WaitUntilAsync(() => app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == refused && m.FailedAt != null)));
        var failed = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == refused));
        Assert.Contains("550", failed.LastError);
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.SentAt);
        Assert.Empty(app.Inbox.To(refused));
    }

    [Fact]
    public void Retry_delay_doubles_and_is_capped_at_a_minute_by_default()
    {
        var sender = new OutboxSender(null!, new OutboxSignal(), Options.Create(new SmtpOptions()),
            Options.Create(new OutboxOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxSender>.Instance);

        Assert.InRange(sender.RetryDelay(1).TotalSeconds, 1.8, 2.2);
        Assert.InRange(sender.RetryDelay(2).TotalSeconds, 3.6, 4.4);
        Assert.InRange(sender.RetryDelay(3).TotalSeconds, 7.2, 8.8);
        Assert.InRange(sender.RetryDelay(30).TotalSeconds, 54, 66);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The condition did not come true in time.");
            await Task.Delay(100);
        }
    }
}
