using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Petitions.Bench;

// An SMTP server on loopback that accepts every message and keeps nothing but a count, so the
// outbox's own rate is measured, not a mail server's. Every second it writes the total so far
// to COUNT_FILE. Given a LOG_FILE too, it appends one line a message to it, flushed every
// second: the time received (Unix ms), the Message-ID header, and the recipients, tab-separated,
// for bench/updates.sh to count messages, distinct Message-IDs and emails per recipient.
// Runs until killed.
//
// Its sockets send without delay (TCP_NODELAY), as real mail servers' do. SmtpServer's own
// listener leaves Nagle's algorithm on, and MailKit pipelines MAIL, RCPT and DATA: the server's
// second and third replies then wait for the client's delayed ACK, about 40 ms a message, which
// would be measured as the outbox's speed. SmtpServer offers no option for it, so the listener
// below accepts the sockets itself and hands them to SmtpServer's pipe through its non-public
// constructor.
public static class SmtpSink
{
    private static long _received;
    private static StreamWriter? _log;
    private static readonly Lock LogLock = new();

    public static async Task<int> RunAsync(int port, string countFile, string? logFile = null)
    {
        if (logFile is not null)
            _log = new StreamWriter(logFile, append: true, new System.Text.UTF8Encoding(false), 1 << 16);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("bench-sink")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore());
        services.Add((IEndpointListenerFactory)new NoDelayListenerFactory());
        var server = new SmtpServer.SmtpServer(options, services);
        using var stop = new CancellationTokenSource();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var running = server.StartAsync(stop.Token);
        Console.Error.WriteLine($"SMTP sink listening on 127.0.0.1:{port}");
        while (!stop.IsCancellationRequested && !running.IsCompleted)
        {
            if (_log is not null)
                lock (LogLock)
                    _log.Flush();
            await File.WriteAllTextAsync(countFile + ".tmp", Interlocked.Read(ref _received) + "\n");
            File.Move(countFile + ".tmp", countFile, overwrite: true);
            try { await Task.Delay(1000, stop.Token); } catch (OperationCanceledException) { }
        }
        return 0;
    }

    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        private static readonly ConstructorInfo PipeConstructor = typeof(ISecurableDuplexPipe).Assembly
            .GetType("SmtpServer.IO.SecurableDuplexPipe", throwOnError: true)!
            .GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(Stream), typeof(Action)])
            ?? throw new InvalidOperationException("SmtpServer's SecurableDuplexPipe(Stream, Action) constructor is gone.");

        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var socket = await listener.AcceptSocketAsync(cancellationToken);
            socket.NoDelay = true;
            var stream = new NetworkStream(socket, ownsSocket: true);
            return (ISecurableDuplexPipe)PipeConstructor.Invoke([stream, () => stream.Dispose()]);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class CountingStore : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (_log is not null)
            {
                var line = $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\t{MessageId(buffer)}\t{string.Join(",", transaction.To.Select(t => t.User + "@" + t.Host))}";
                lock (LogLock)
                    _log.WriteLine(line);
            }
            Interlocked.Increment(ref _received);
            return Task.FromResult(SmtpResponse.Ok);
        }

        // The Message-ID header's value (unfolded), from the message's header section; "-" if none.
        private static string MessageId(ReadOnlySequence<byte> buffer)
        {
            var head = System.Text.EncodingExtensions.GetString(System.Text.Encoding.Latin1, buffer.Slice(0, Math.Min(buffer.Length, 32 * 1024)));
            var end = head.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var lines = (end < 0 ? head : head[..end]).Split("\r\n");
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                    continue;
                var value = lines[i]["Message-ID:".Length..];
                while (i + 1 < lines.Length && lines[i + 1].Length > 0 && lines[i + 1][0] is ' ' or '\t')
                    value += lines[++i];
                return value.Trim();
            }
            return "-";
        }
    }
}
