using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Petitions.Local.Mail;

// A real SMTP server inside the process. With no SMTP configured, the app sends its mail here
// through MailKit like any other server, and the development mail page shows what arrived.
// Tests read their inbox from it the same way.
public sealed class MailCatcher : IAsyncDisposable
{
    private const int Capacity = 1000;
    private readonly ConcurrentQueue<CapturedMail> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;
    private int _nextId;

    public MailCatcher(int port = 0)
    {
        Port = port == 0 ? FreeLoopbackPort() : port;
    }

    public int Port { get; }
    public string Host => "127.0.0.1";
    public bool IsRunning => _running is { IsCompleted: false };

    public IReadOnlyList<CapturedMail> Messages => _messages.ToArray();

    // Recipients this server answers "550 mailbox unavailable" for, as a real server does for an
    // address that does not exist. Lets a developer see how a bounced address is handled.
    public Func<string, bool> RefusesRecipient { get; set; } = _ => false;

    public Task StartAsync()
    {
        if (IsRunning)
            return Task.CompletedTask;

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new RecipientFilter(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        return WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (_server is null || _stop is null || _running is null)
            return;
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception) when (_running.IsCompleted || _running.IsCanceled)
        {
        }
        catch (OperationCanceledException)
        {
        }
        _server = null;
        _running = null;
    }

    public CapturedMail? Find(int id) => _messages.FirstOrDefault(m => m.Id == id);

    public async Task<CapturedMail> WaitForAsync(Func<CapturedMail, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = _messages.FirstOrDefault(match);
            if (found is not null)
                return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"No matching email arrived within {timeout.TotalSeconds:0.#} s. Inbox: {_messages.Count} messages.");
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }
        throw new InvalidOperationException($"The in-process SMTP server did not start on port {Port}.");
    }

    private void Add(MimeMessage message, IReadOnlyList<string> envelopeRecipients)
    {
        var id = Interlocked.Increment(ref _nextId);
        _messages.Enqueue(CapturedMail.Of(id, message) with { EnvelopeRecipients = envelopeRecipients });
        while (_messages.Count > Capacity && _messages.TryDequeue(out _)) { }
        _arrived.Release();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RecipientFilter(MailCatcher catcher) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, SmtpServer.Mail.IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!catcher.RefusesRecipient($"{to.User}@{to.Host}"));
    }

    private sealed class Store(MailCatcher catcher) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream();
            foreach (var segment in buffer)
                await stream.WriteAsync(segment, cancellationToken);
            stream.Position = 0;
            catcher.Add(await MimeMessage.LoadAsync(stream, cancellationToken),
                transaction.To.Select(to => $"{to.User}@{to.Host}").ToArray());
            return SmtpResponse.Ok;
        }
    }
}

public sealed record CapturedMail(
    int Id,
    string MessageId,
    string From,
    string To,
    string Subject,
    DateTimeOffset ReceivedAt,
    string Text,
    string Html,
    IReadOnlyList<string> HeaderNames)
{
    // Who the SMTP client asked the server to deliver to (RCPT TO), whatever the headers say.
    public IReadOnlyList<string> EnvelopeRecipients { get; init; } = [];

    // Every address in To, Cc and Bcc headers.
    public IReadOnlyList<string> HeaderRecipients { get; init; } = [];

    public IReadOnlyList<(string Field, string Value)> Headers { get; init; } = [];

    public string? Header(string field) =>
        Headers.FirstOrDefault(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase)).Value;

    public static CapturedMail Of(int id, MimeMessage message) => new(
        id,
        message.MessageId ?? "",
        message.From.ToString(),
        string.Join(", ", message.To.Mailboxes.Select(m => m.Address)),
        message.Subject ?? "",
        DateTimeOffset.UtcNow,
        message.TextBody ?? "",
        message.HtmlBody ?? "",
        message.Headers.Select(h => h.Field).ToArray())
    {
        HeaderRecipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Select(m => m.Address).ToArray(),
        Headers = message.Headers.Select(h => (h.Field, h.Value.Trim())).ToArray(),
    };
}
