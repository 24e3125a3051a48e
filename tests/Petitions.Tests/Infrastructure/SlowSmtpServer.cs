using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Petitions.Tests.Infrastructure;

// An SMTP server that takes its time to answer each message, like a busy real one. It keeps a
// message as soon as the data has arrived, before it answers: a sender that dies while waiting
// for the answer cannot tell whether the message was delivered, which is the case under test.
public sealed class SlowSmtpServer(TimeSpan delayPerMessage) : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string MessageId, string To)> _received = new();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    public int Port { get; } = FreeLoopbackPort();
    public TimeSpan DelayPerMessage { get; } = delayPerMessage;

    public IReadOnlyList<(string MessageId, string To)> Received => _received.ToArray();

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
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
        throw new InvalidOperationException("The slow SMTP server did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null || _stop is null || _running is null)
            return;
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Stopping; sessions cut off mid-message end with errors nobody needs.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(SlowSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server._received.Enqueue((message.MessageId ?? "", string.Join(", ", message.To.Mailboxes.Select(m => m.Address))));
            await Task.Delay(server.DelayPerMessage, CancellationToken.None);
            return SmtpResponse.Ok;
        }
    }
}
