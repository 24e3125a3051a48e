using Microsoft.Extensions.Options;
using Petitions.Core.Data;

namespace Petitions.Core.Email;

// Writes emails into the caller's unit of work. The caller's SaveChanges commits them together
// with whatever caused them; WakeSender after the commit gets them sent without waiting for a poll.
public sealed class Outbox(PetitionsDbContext db, OutboxSignal signal, IOptions<SmtpOptions> smtpOptions, TimeProvider clock)
{
    private readonly string _messageIdDomain = MessageIdDomain(smtpOptions.Value.From);

    public void Add(EmailContent content, string toAddress, string toName) =>
        db.OutboxMessages.Add(OutboxMessage.For(content, toAddress, toName, _messageIdDomain, clock.GetUtcNow()));

    // An email that is one of an update's: counted in its progress, and carrying the signer's
    // one-click unsubscribe address.
    public OutboxMessage ForUpdate(EmailContent content, string toAddress, string toName, long updateId, string listUnsubscribe) =>
        OutboxMessage.For(content, toAddress, toName, _messageIdDomain, clock.GetUtcNow(), updateId, listUnsubscribe);

    public void WakeSender() => signal.Notify();

    private static string MessageIdDomain(string from)
    {
        var at = from.LastIndexOf('@');
        var domain = at < 0 ? "" : from[(at + 1)..].Trim().TrimEnd('>').Trim();
        return domain.Length == 0 ? "localhost" : domain;
    }
}
