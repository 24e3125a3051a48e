using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Signing;

public sealed class ClosedPetitionTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [InlineData("closed")]
    [InlineData("past deadline")]
    public async Task A_closed_petition_says_so_shows_no_form_and_refuses_signatures(string how)
    {
        var builder = how == "closed" ? A.Petition().Closed() : A.Petition().Open().PastDeadline();
        var slug = await builder.WithConfirmedSignatures(3).BuildAsync(app);
        var open = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");
        Assert.Contains("This petition is closed", page.Text(".notice--closed"));
        Assert.False(page.Has("form"));
        Assert.Equal("3", page.Text(".tally__count strong"));

        // A form kept open in another tab, or a bot, still posts: the answer is a clear refusal.
        var openPage = await browser.GetAsync($"/petitions/{open}");
        var refused = await browser.PostWithTokenOfAsync(openPage, $"/petitions/{slug}", SignForm.Valid(SignForm.UniqueEmail()));

        Assert.Equal(System.Net.HttpStatusCode.OK, refused.Status);
        Assert.Equal("This petition is closed and no longer accepts signatures.", refused.Text(".error-summary li"));
        Assert.Equal(3, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task A_petition_past_its_deadline_leaves_the_open_list_and_the_api_says_closed()
    {
        var slug = await A.Petition().Open().PastDeadline().BuildAsync(app);
        using var browser = app.Browser();

        Assert.False((await browser.GetAsync("/")).Has($"a[href='/petitions/{slug}']"));
        var json = await browser.Http.GetStringAsync($"/api/petitions/{slug}");
        Assert.Contains("\"isOpen\":false", json);
    }
}
