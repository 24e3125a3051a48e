using System.Buffers;
using System.Net;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Petitions.Bench;

// An SMTP server on loopback that accepts every message and keeps nothing but a count, so the
// outbox's own rate is measured, not a mail server's. Every second it writes the total so far
// to COUNT_FILE. Runs until killed.
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
