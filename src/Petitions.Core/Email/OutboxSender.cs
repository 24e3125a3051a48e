using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using Petitions.Core.Data;

namespace Petitions.Core.Email;

// Sends what the outbox holds. Any number of app instances may run this against one database:
// each claims a batch with FOR UPDATE SKIP LOCKED and a lease, so a row is only ever in one
// instance's hands. Nothing in a request talks to SMTP; requests only write rows.
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<SmtpOptions> smtpOptions,
    IOptions<OutboxOptions> outboxOptions,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private readonly SmtpOptions _smtp = smtpOptions.Value;
    private readonly OutboxOptions _options = outboxOptions.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await SendDueBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away, most likely. Rows stay in the outbox; try again shortly.
                logger.LogWarning(ex, "Could not read the outbox; will try again.");
            }

            if (claimed < _options.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async Task<int> SendDueBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var now = clock.GetUtcNow();

        var batch = await db.OutboxMessages
            .FromSql($"""
                UPDATE outbox_messages SET locked_until = {now + _options.Lease}, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox_messages
                    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                      AND (locked_until IS NULL OR locked_until < {now})
                    ORDER BY next_attempt_at, id
                    LIMIT {_options.BatchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        if (batch.Count == 0)
            return 0;

        batch.Sort((a, b) => a.Id.CompareTo(b.Id));
        await SendAsync(db, batch, cancellationToken);
        return batch.Count;
    }

    // One SMTP connection carries the whole batch, and one database connection its bookkeeping.
    private async Task SendAsync(PetitionsDbContext db, List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        // Each message's "started" and "sent" marks are commits. Waiting for each to reach the disk
        // held every message up by two WAL flushes and competed with the signatures' own for the
        // disk. The marks are bookkeeping: the message itself was written durably with the
        // signature, so a database crash that loses a mark can only make a message go out a second
        // time, under the same Message-ID (as when an instance dies mid-batch), never lose one.
        // The setting is the session's, and is put back before the connection returns to the pool.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET synchronous_commit = off", cancellationToken);
        try
        {
            await SendOverOneConnectionAsync(db, batch, cancellationToken);
        }
        finally
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("RESET synchronous_commit", CancellationToken.None);
            }
            catch (Exception ex) when (ex is NpgsqlException || ex.InnerException is NpgsqlException)
            {
                // The connection is broken (the database went away mid-batch), and Npgsql never
                // returns a broken connection to the pool.
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task SendOverOneConnectionAsync(PetitionsDbContext db, List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        var remaining = new Queue<OutboxMessage>(batch);
        try
        {
            var host = _smtp.Host ?? "localhost";
            await client.ConnectAsync(await ConnectWithoutDelayAsync(host, _smtp.Port, cancellationToken), host, _smtp.Port,
                SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.Username))
                await client.AuthenticateAsync(_smtp.Username, _smtp.Password ?? "", cancellationToken);

            while (remaining.TryPeek(out var message))
            {
                try
                {
                    await MarkSendStartedAsync(db, message);
                    await client.SendAsync(ToMime(message), cancellationToken);
                    remaining.Dequeue();
                    await MarkSentAsync(db, message);
                }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
                {
                    // The server refused this message for good (no such mailbox, say).
                    remaining.Dequeue();
                    await MarkFailedAsync(db, message, Describe(ex));
                    logger.LogWarning("Email {Id} was refused permanently: {Error}", message.Id, Describe(ex));
                }
                catch (SmtpCommandException ex)
                {
                    // A temporary refusal: the server answered, so this message did not go out.
                    remaining.Dequeue();
                    await ScheduleRetryAsync(db, message, Describe(ex), refused: true);
                }
            }

            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("SMTP is unavailable ({Error}); {Count} emails will be retried.", ex.Message, remaining.Count);
            foreach (var message in remaining)
                await ScheduleRetryAsync(db, message, ex.Message);
        }
    }

    // MailKit writes each message in several small pieces. On a socket with Nagle's algorithm on
    // (what MailKit opens by default) each small write waits for the server's delayed ACK, about
    // 40 ms, which held the outbox to some 20 messages a second however fast the server was.
    private static async Task<Socket> ConnectWithoutDelayAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Describe(SmtpCommandException ex) => $"{(int)ex.StatusCode} {ex.Message}";

    private static bool IsTransient(Exception ex) =>
        ex is SocketException or IOException or TimeoutException or ServiceNotConnectedException
            or SmtpProtocolException or SslHandshakeException or AuthenticationException or OperationCanceledException;

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        mime.From.Add(MailboxAddress.Parse(_smtp.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        if (message.ListUnsubscribe is { } unsubscribe)
        {
            // RFC 8058: mail clients offer "Unsubscribe", and a POST to this address with
            // List-Unsubscribe=One-Click does it at once, with no page in between.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return mime;
    }

    // Recorded before the transfer so that, if this instance dies before it can record the
    // outcome, the next attempt knows the message may already be in the recipient's inbox.
    private Task MarkSendStartedAsync(PetitionsDbContext db, OutboxMessage message)
    {
        if (message.SendStartedAt is { } earlier)
            logger.LogWarning(
                "Email {Id} <{MessageId}> may already have been delivered by an attempt that began at {StartedAt:O} and never finished; " +
                "sending it again with the same Message-ID.", message.Id, message.MessageId, earlier);
        var now = clock.GetUtcNow();
        return db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SendStartedAt, now), CancellationToken.None);
    }

    private Task MarkSentAsync(PetitionsDbContext db, OutboxMessage message)
    {
        var now = clock.GetUtcNow();
        return db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.LastErrorAt, (DateTimeOffset?)null), CancellationToken.None);
    }

    private Task MarkFailedAsync(PetitionsDbContext db, OutboxMessage message, string error)
    {
        var now = clock.GetUtcNow();
        return db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, now).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, Truncate(error)).SetProperty(m => m.LastErrorAt, now), CancellationToken.None);
    }

    // refused: the server answered this message with a temporary refusal, so it certainly did not
    // go out. Otherwise the connection failed, and whether a message in transfer arrived is unknown.
    private Task ScheduleRetryAsync(PetitionsDbContext db, OutboxMessage message, string error, bool refused = false)
    {
        var now = clock.GetUtcNow();
        var next = now + RetryDelay(message.Attempts);
        return db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LastError, Truncate(error)).SetProperty(m => m.LastErrorAt, now);
                if (refused)
                    s.SetProperty(m => m.SendStartedAt, (DateTimeOffset?)null);
            }, CancellationToken.None);
    }

    internal TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var delay = _options.FirstRetryDelay * Math.Pow(2, exponent);
        var capped = delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
        // A little jitter so that instances retrying together do not knock together.
        return capped * (0.9 + Random.Shared.NextDouble() * 0.2);
    }

    private static string Truncate(string error) => error.Length <= 1000 ? error : error[..1000];
}
