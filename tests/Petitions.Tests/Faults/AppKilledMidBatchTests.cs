using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Faults;

// The app killed outright in the middle of sending a batch of email, then started again.
public sealed class AppKilledMidBatchTests
{
    private const int Emails = 20;

    [Fact]
    public async Task After_a_kill_mid_batch_every_email_is_sent_and_only_the_one_in_flight_may_arrive_twice_with_its_message_id()
    {
        var postgres = await PostgresServer.InstanceAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var smtp = new SlowSmtpServer(TimeSpan.FromMilliseconds(300));
        await smtp.StartAsync();
        await WithDbAsync(connectionString, async db =>
        {
            for (var i = 0; i < Emails; i++)
                db.OutboxMessages.Add(OutboxMessage.For(new EmailContent($"Email {i}", $"Text {i}", $"<p>Text {i}</p>"),
                    $"reader{i}@example.org", $"Reader {i}", "example.org", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Petitions"] = connectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(),
            ["Smtp__From"] = "Petitions <petitions@example.org>",
            // The whole backlog in one batch over one connection, and a short lease so the
            // restarted app takes the dead one's batch over quickly.
            ["Outbox__BatchSize"] = "50",
            ["Outbox__Lease"] = "00:00:03",
            ["Outbox__PollInterval"] = "00:00:00.500",
            ["Delivery__ExportDirectory"] = Path.Combine(PetitionsApp.ExportRoot, "killed"),
        };

        var sentBeforeKill = 0;
        await using (var first = AppProcess.Start(environment))
        {
            await WaitForAsync(() => Task.FromResult(smtp.Received.Count >= 5 || first.HasExited), TimeSpan.FromSeconds(90),
                "the first app to start sending", first);
            Assert.False(first.HasExited, string.Join("\n", first.Output));
            await first.KillAsync();
            sentBeforeKill = smtp.Received.Count;
        }
        Assert.InRange(sentBeforeKill, 5, Emails - 1);
        var unsentAfterKill = await WithDbAsync(connectionString, db => db.OutboxMessages.CountAsync(m => m.SentAt == null));
        Assert.True(unsentAfterKill >= Emails - sentBeforeKill, "Rows were marked sent that the server never received.");
        // The row whose transfer had begun but whose outcome was never recorded: the one in flight.
        var inFlight = await WithDbAsync(connectionString, db => db.OutboxMessages
            .Where(m => m.SentAt == null && m.SendStartedAt != null).Select(m => m.MessageId).ToListAsync());
        Assert.True(inFlight.Count <= 1, $"{inFlight.Count} emails were in transfer at once over one connection.");

        await using var second = AppProcess.Start(environment);
        await WaitForAsync(() => WithDbAsync(connectionString, db => db.OutboxMessages.AllAsync(m => m.SentAt != null)),
            TimeSpan.FromSeconds(90), "every outbox row to be marked sent", second);

        var rows = await WithDbAsync(connectionString, db => db.OutboxMessages.Select(m => m.MessageId).ToListAsync());
        var received = smtp.Received;
        // Every email arrived, each under the Message-ID recorded on its row.
        Assert.Equal(rows.Order(), received.Select(r => r.MessageId).Distinct().Order());
        // At most the one message that was in transfer when the app died arrived twice, and it is
        // recognisably the same message.
        var duplicates = received.GroupBy(r => r.MessageId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(received.Count - rows.Count <= inFlight.Count, $"{received.Count - rows.Count} emails arrived twice; {inFlight.Count} was in flight.");
        Assert.All(duplicates, id => Assert.Contains(id, inFlight));
        Assert.All(duplicates, id => Assert.Single(received.Where(r => r.MessageId == id).Select(r => r.To).Distinct()));
        // The restarted app said it was sending again an email that may already have arrived.
        Assert.All(inFlight, id => Assert.Contains(second.Output,
            line => line.Contains(id, StringComparison.Ordinal) && line.Contains("may already have been delivered", StringComparison.Ordinal)));
        // Recorded on the row is what went out in the header.
        Assert.All(rows, id => Assert.EndsWith("@example.org", id));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, AppProcess app)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for {what}. App output:\n{string.Join("\n", app.Output.TakeLast(40))}");
            await Task.Delay(100);
        }
    }

    private static async Task<T> WithDbAsync<T>(string connectionString, Func<PetitionsDbContext, Task<T>> action)
    {
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        PetitionsDbContext.Configure(options, connectionString);
        await using var db = new PetitionsDbContext(options.Options);
        return await action(db);
    }

    private static Task WithDbAsync(string connectionString, Func<PetitionsDbContext, Task> action) =>
        WithDbAsync(connectionString, async db => { await action(db); return true; });
}
