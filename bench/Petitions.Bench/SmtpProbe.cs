using System.Diagnostics;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Petitions.Bench;

// Sends COUNT messages of a confirmation email's size with MailKit over one connection to an SMTP
// server on loopback (the smtp-sink), once connected as the outbox connects (MailKit's own
// socket) and once through a socket with TCP_NODELAY, and prints milliseconds per message for each.
public static class SmtpProbe
{
    public static async Task<int> RunAsync(int port, int count)
    {
        foreach (var noDelay in new[] { false, true })
        {
            using var client = new SmtpClient();
            if (noDelay)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync("127.0.0.1", port);
                await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.StartTlsWhenAvailable);
            }
            else
            {
                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.StartTlsWhenAvailable);
            }
            await client.SendAsync(Message(0)); // warm up
            var clock = Stopwatch.StartNew();
            for (var i = 1; i <= count; i++)
                await client.SendAsync(Message(i));
            Console.WriteLine($"MailKit, one connection, {(noDelay ? "TCP_NODELAY" : "as the outbox connects")}: " +
                $"{clock.Elapsed.TotalMilliseconds / count:F1} ms a message");
            await client.DisconnectAsync(true);
        }
        return 0;
    }

    private static MimeMessage Message(int i)
    {
        var text = string.Concat(Enumerable.Repeat("Please confirm your signature by opening this link. ", 40));
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Petitions", "petitions@localhost"));
        message.To.Add(new MailboxAddress("Signer", $"probe.{i}@bench.example"));
        message.Subject = "Please confirm your signature";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = $"<p>{text}</p>" }.ToMessageBody();
        return message;
    }
}
