using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Signing;
using Petitions.Core.Updates;
using Petitions.Local.Mail;

namespace Petitions.Tests.Infrastructure;

// Updates and subscribers in named states: AnUpdate.On(slug).Titled("We delivered").Translated("fr", ...)
// .PublishedAgo(TimeSpan.FromDays(2)).BuildAsync(app); Subscriber.AddAsync(app, slug).
public static class AnUpdate
{
    public static UpdateBuilder On(string slug) => new(slug);
}

public sealed class UpdateBuilder(string slug)
{
    private enum State { Draft, Published, Cancelled }

    private string _title = "We have 10,000 signatures";
    private string _body = "Thank you. **Next week** we take the petition to the minister.";
    private readonly List<(string Language, string Title, string Body)> _translations = [];
    private State _state = State.Published;
    private TimeSpan _ago = TimeSpan.FromDays(1);

    public UpdateBuilder Titled(string title) { _title = title; return this; }
    public UpdateBuilder WithBody(string body) { _body = body; return this; }
    public UpdateBuilder Translated(string language, string title, string body) { _translations.Add((language, title, body)); return this; }
    public UpdateBuilder PublishedAgo(TimeSpan ago) { _ago = ago; _state = State.Published; return this; }
    public UpdateBuilder Draft() { _state = State.Draft; return this; }
    // Published, then stopped by staff: no longer public.
    public UpdateBuilder Cancelled() { _state = State.Cancelled; return this; }

    public async Task<long> BuildAsync(PetitionsApp app)
    {
        var at = app.Clock.GetUtcNow() - _ago;
        return await app.WithDbAsync(async db =>
        {
            var petitionId = await db.Petitions.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
            var update = PetitionUpdate.Draft(petitionId, _title, _body, UpdateAudience.Subscribers, "staff@example.org", at.AddHours(-1));
            foreach (var (language, title, body) in _translations)
                update.Translate(language, title, body, at.AddMinutes(-30));
            if (_state != State.Draft)
                update.StartSending(0, at);
            if (_state == State.Cancelled)
                update.Cancel(at.AddMinutes(1));
            db.PetitionUpdates.Add(update);
            await db.SaveChangesAsync();
            return update.Id;
        });
    }
}

// A confirmed signer of a petition, and the unsubscribe link an update email would carry for them.
public sealed partial record Subscriber(long Id, string Email, string Token)
{
    public string UnsubscribeLink => $"/unsubscribe/{Token}";

    // An update's email to this signer, written to the outbox as the sending job writes it (with
    // the List-Unsubscribe headers and the same address as a visible link) and read from the inbox.
    public async Task<CapturedMail> EmailAsync(PetitionsApp app, long updateId, string subject = "News about the petition")
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            var link = scope.ServiceProvider.GetRequiredService<IPublicLinks>().Unsubscribe(Token);
            db.OutboxMessages.Add(outbox.ForUpdate(
                new EmailContent(subject, $"We have news.\n\nNo more emails like this: {link}", $"<p>We have news.</p><p><a href=\"{link}\">Unsubscribe</a></p>"),
                Email, "Ada Lovelace", updateId, link));
            await db.SaveChangesAsync();
            outbox.WakeSender();
        }
        return await app.Inbox.WaitForAsync(Email, subject);
    }

    public static string LinkIn(CapturedMail message) =>
        UnsubscribePattern().Match(message.Text) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No unsubscribe link in:\n{message.Text}");

    [GeneratedRegex(@"https?://\S+/unsubscribe/[0-9]+-[A-Za-z0-9_-]+")]
    private static partial Regex UnsubscribePattern();

    public static async Task<Subscriber> AddAsync(PetitionsApp app, string slug, bool wantsUpdates = true, bool withdrawn = false)
    {
        var email = $"subscriber-{Guid.NewGuid():N}@example.org";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var petition = await db.Petitions.SingleAsync(p => p.Slug == slug);
        var now = app.Clock.GetUtcNow().AddHours(-2);
        var signature = Signature.Pending(petition.Id, petition.CurrentVersion, new SignRequest
        {
            Name = "Ada Lovelace", Email = email, Country = "GB", Consent = true, WantsUpdates = wantsUpdates,
        }, email, now);
        db.MarkConfirmed(signature, now.AddMinutes(5));
        if (withdrawn)
            signature.Withdraw(now.AddMinutes(10));
        db.Signatures.Add(signature);
        await db.SaveChangesAsync();
        var token = await scope.ServiceProvider.GetRequiredService<UnsubscribeTokens>().ForAsync(signature.Id, CancellationToken.None);
        return new Subscriber(signature.Id, email, token);
    }
}
