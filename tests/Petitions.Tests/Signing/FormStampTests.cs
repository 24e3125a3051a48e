using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Signing;

// The "form shown at" stamp that the minimum fill time reads. A bot could fetch the form once,
// wait out the minimum, and send that one stamp with every signature; so a stamp is good only for
// the visitor it was shown to (their antiforgery cookie) and only for so long. Any other stamp
// counts as no stamp: the signature is held for a moderator, silently, as before.
public sealed class FormStampTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const string NoStamp = "no form timestamp: missing, altered, shown to another visitor or too old";

    private Task<string?> FlagReasonAsync(string email) =>
        app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.FlagReason).SingleAsync());

    private static string StampOf(Browser.WebPage page) =>
        Browser.HiddenFields(page).Single(f => f.Key == "Input.ShownAt").Value;

    [Fact]
    public async Task A_stamp_copied_to_another_visitor_is_held_while_each_visitors_own_stamp_is_counted()
    {
        await app.SetAbuseRulesAsync(minimumFillTime: TimeSpan.FromSeconds(1));
        var slug = await A.Petition().Open().BuildAsync(app);
        using var shownTo = app.Browser();
        using var other = app.Browser();
        var original = await shownTo.GetAsync($"/petitions/{slug}");
        var otherForm = await other.GetAsync($"/petitions/{slug}");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var copier = SignForm.UniqueEmail("copier");
        var copied = await other.SubmitAsync(otherForm, SignForm.Valid(copier).With("Input.ShownAt", StampOf(original)));
        var owner = SignForm.UniqueEmail("owner");
        var own = await shownTo.SubmitAsync(original, SignForm.Valid(owner));

        // The same page for both: the bot is not told.
        Assert.Equal("Check your email", copied.Heading);
        Assert.Equal("Check your email", own.Heading);
        Assert.Equal(NoStamp, await FlagReasonAsync(copier));
        Assert.Null(await FlagReasonAsync(owner));
    }

    [Fact]
    public async Task A_stamp_older_than_its_maximum_age_is_held()
    {
        await using var shortLived = app.StartInstance(b => b.UseSetting("Signing:FormStampMaxAge", "00:00:03"));
        await app.SetAbuseRulesAsync(minimumFillTime: TimeSpan.FromSeconds(1));
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = new Browser(shortLived.BaseAddress);
        var stale = await browser.GetAsync($"/petitions/{slug}");
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var fresh = await browser.GetAsync($"/petitions/{slug}");
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        var inTime = SignForm.UniqueEmail("in-time");
        await browser.SubmitAsync(fresh, SignForm.Valid(inTime));
        var late = SignForm.UniqueEmail("late");
        await browser.SubmitAsync(stale, SignForm.Valid(late));

        Assert.Equal(NoStamp, await FlagReasonAsync(late));
        Assert.Null(await FlagReasonAsync(inTime));
    }
}
