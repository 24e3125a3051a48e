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
// to COUNT_FILE. Runs until killed.
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

    public static async Task<int> RunAsync(int port, string countFile)
    {
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
            Interlocked.Increment(ref _received);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
