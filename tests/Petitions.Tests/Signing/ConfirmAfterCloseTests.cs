using Microsoft.EntityFrameworkCore;
using Petitions.Core.Counting;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Privacy;

namespace Petitions.Tests.Signing;

// A supporter who signed in time may read their email after the petition ends: their confirmation
// counts for a grace period (Signing:ConfirmGraceAfterClose, a day by default), and not after it,
// nor once the petition has been delivered.
public sealed class ConfirmAfterCloseTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly Dictionary<string, string?> NoFields = [];

    private async Task<(string Slug, string Email, string Link, Browser Browser)> SignAsync(string acceptLanguage = "en")
    {
        var slug = await A.Petition().Open().Titled("Keep the library open").BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var browser = app.BrowserSpeaking(acceptLanguage);
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var link = Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email));
        return (slug, email, link, browser);
    }

    // Either way a petition ends: its deadline passes, or staff close it.
    private Task EndAsync(string slug, string how, TimeSpan ago) => app.WithDbAsync(db => how == "deadline"
        ? db.Database.ExecuteSqlAsync($"UPDATE petitions SET closes_at = {DateTimeOffset.UtcNow - ago} WHERE slug = {slug}")
        : db.Database.ExecuteSqlAsync($"UPDATE petitions SET status = 'Closed', closed_at = {DateTimeOffset.UtcNow - ago} WHERE slug = {slug}"));

    private async Task<(SignatureStatus Status, bool TokenSpent, long Count)> StoredAsync(string slug, string email)
    {
        var signature = await app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.Email == email));
        var spent = await app.WithDbAsync(db => db.ConfirmationTokens.AnyAsync(t => t.SignatureId == signature.Id && t.UsedAt != null));
        var count = await app.WithServiceAsync<SignatureCounter, long>(c => c.CountAsync(signature.PetitionId, CancellationToken.None));
        return (signature.Status, spent, count);
    }

    [Theory]
    [InlineData("deadline")]
    [InlineData("closed by staff")]
    public async Task Confirmation_within_the_grace_period_counts(string how)
    {
        var (slug, email, link, browser) = await SignAsync();
        using var _ = browser;
        await EndAsync(slug, how, TimeSpan.FromHours(23));

        var confirmed = await browser.SubmitAsync(await browser.GetAsync(link), NoFields);

        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);
        Assert.Equal((SignatureStatus.Confirmed, true, 1), await StoredAsync(slug, email));
        Assert.Equal("1", await PrivacyJourney.CountAsync(browser, slug));
    }

    [Theory]
    [InlineData("deadline")]
    [InlineData("closed by staff")]
    public async Task Confirmation_after_the_grace_period_shows_the_closed_page_and_counts_nothing(string how)
    {
        var (slug, email, link, browser) = await SignAsync();
        using var _ = browser;
        var page = await browser.GetAsync(link);
        await EndAsync(slug, how, TimeSpan.FromDays(3));
        var closedOn = DateTimeOffset.UtcNow.AddDays(-3).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

        var opened = await browser.GetAsync(link);
        // The confirm button of a page opened before the petition closed still posts.
        var posted = await browser.SubmitAsync(page, NoFields);

        foreach (var shown in new[] { opened, posted })
        {
            Assert.Equal("This petition has closed", shown.Heading);
            Assert.Contains($"This petition closed on {closedOn} and no longer takes signatures.", shown.MainText);
            Assert.Contains("Your signature on Keep the library open has not been counted.", shown.MainText);
            Assert.False(shown.Has("main form"));
        }
        Assert.Equal((SignatureStatus.Pending, false, 0), await StoredAsync(slug, email));
        Assert.Equal("0", await PrivacyJourney.CountAsync(browser, slug));
    }

    [Fact]
    public async Task An_expired_link_on_a_closed_petition_offers_no_new_link()
    {
        var (slug, email, link, browser) = await SignAsync();
        using var _ = browser;
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE confirmation_tokens SET expires_at = now() - interval '1 minute' WHERE signature_id IN (SELECT id FROM signatures WHERE email = {email})"));
        var expired = await browser.GetAsync(link);
        Assert.Equal("This link has expired", expired.Heading);
        await EndAsync(slug, "deadline", TimeSpan.FromDays(2));

        var page = await browser.GetAsync(link);
        var askedAnyway = await browser.SubmitAsync(expired, NoFields, "form[action*='NewLink']");

        Assert.Equal("This petition has closed", page.Heading);
        Assert.False(page.Has("form[action*='NewLink']"));
        Assert.Equal("This petition has closed", askedAnyway.Heading);
        Assert.Single(app.Inbox.To(email));
        Assert.Equal((SignatureStatus.Pending, false, 0), await StoredAsync(slug, email));
    }

    [Fact]
    public async Task Confirmation_after_delivery_is_refused_even_within_the_grace_period()
    {
        var (slug, email, link, browser) = await SignAsync();
        using var _ = browser;
        var page = await browser.GetAsync(link);
        await PrivacyJourney.MarkDeliveredAsync(app, slug, DateOnly.FromDateTime(DateTime.UtcNow));

        var posted = await browser.SubmitAsync(page, NoFields);

        Assert.Equal("This petition has closed", posted.Heading);
        Assert.Equal((SignatureStatus.Pending, false, 0), await StoredAsync(slug, email));
        Assert.Equal("0", await PrivacyJourney.CountAsync(browser, slug));
    }

    [Fact]
    public async Task The_closed_page_speaks_the_signers_language()
    {
        var (slug, _, link, browser) = await SignAsync("ko-KR,ko;q=0.9");
        using var _ = browser;
        await EndAsync(slug, "closed by staff", TimeSpan.FromDays(3));
        var closedOn = DateTimeOffset.UtcNow.AddDays(-3).UtcDateTime;

        var page = await browser.GetAsync(link);

        Assert.Equal("이 청원은 마감되었습니다", page.Heading);
        Assert.Contains($"이 청원은 {closedOn.Year}년 {closedOn.Month}월 {closedOn.Day}일에 마감되어 더 이상 서명을 받지 않습니다.", page.MainText);
    }
}

// The rule itself, which the confirming statement repeats in SQL.
public sealed class ConfirmationGraceRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(30, null, true)]
    [InlineData(-23, null, true)]
    [InlineData(-25, null, false)]
    [InlineData(null, -23, true)]
    [InlineData(null, -25, false)]
    // Staff closed it early, before a deadline still to come: the close is the end.
    [InlineData(30, -25, false)]
    // The deadline passed before staff got round to closing it: the deadline is the end.
    [InlineData(-25, -1, false)]
    public void A_petition_takes_confirmations_until_a_grace_period_after_it_ends(int? deadlineHours, int? closedHours, bool takes)
    {
        DateTimeOffset? closesAt = deadlineHours is { } d ? Now.AddHours(d) : null;
        DateTimeOffset? closedAt = closedHours is { } c ? Now.AddHours(c) : null;
        var status = closedAt is null ? Core.Publishing.PetitionStatus.Open : Core.Publishing.PetitionStatus.Closed;

        Assert.Equal(takes, Core.Publishing.Petition.TakesConfirmation(status, closesAt, closedAt, Now, Day));
    }

    [Fact]
    public void A_delivered_petition_takes_no_confirmation_even_within_the_grace_period() =>
        Assert.False(Core.Publishing.Petition.TakesConfirmation(Core.Publishing.PetitionStatus.Delivered, null, Now.AddMinutes(-1), Now, Day));
}
