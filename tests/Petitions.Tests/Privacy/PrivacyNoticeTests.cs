using Microsoft.EntityFrameworkCore;
using Petitions.Core.Privacy;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Privacy;

public sealed class PrivacyNoticeTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Sign_form_links_the_privacy_notice_and_the_notice_names_the_legal_basis()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var petition = await browser.GetAsync($"/petitions/{slug}");

        var link = petition.Document.QuerySelector("#sign form a[href^='/privacy']")?.GetAttribute("href");
        Assert.NotNull(link);
        Assert.NotNull(petition.Document.QuerySelector("footer a[href='/privacy']"));
        Assert.Contains($"Consent wording version {ConsentWording.Version}", petition.Text("#sign form"));

        var notice = await browser.GetAsync(link);
        Assert.Equal("Privacy notice", notice.Heading);
        var text = notice.MainText;
        Assert.Contains("explicit consent", text);
        Assert.Contains("Article 9(2)(a)", text);
        Assert.Contains("The Minister for Rivers", text);
        Assert.Contains("30 days after a petition is delivered", text);
        Assert.Contains("Information Commissioner’s Office", text);
        Assert.Contains("withdraw your signature", text);
        Assert.Contains("petitions@example.org", text);
    }

    [Fact]
    public async Task Signature_records_the_consent_version_and_time()
    {
        var slug = await A.Petition().Open().With(A.Signature("Paper Person").OnPaper()).BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var browser = app.Browser();
        var before = DateTimeOffset.UtcNow;

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));

        var online = await app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.Email == email));
        Assert.Equal(ConsentWording.Version, online.ConsentVersion);
        Assert.InRange(online.ConsentedAt!.Value, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        var paper = await app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.Name == "Paper Person"
            && db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug)));
        Assert.Equal(SignatureSource.Paper, paper.Source);
        Assert.Equal(ConsentWording.Paper, paper.ConsentVersion);
        Assert.Null(paper.ConsentedAt);
    }

    [Fact]
    public async Task Emails_to_a_signer_link_the_privacy_notice_and_their_own_page()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();

        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email);

        var confirmation = await app.Inbox.WaitForAsync(email, "Please confirm");
        Assert.Contains("/privacy", confirmation.Text);
        Assert.Matches(@"/signatures/manage/[A-Za-z0-9_-]{43}", confirmation.Text);
        Assert.Contains("withdraw your signature", confirmation.Text);
        Assert.Matches(@"/signatures/manage/[A-Za-z0-9_-]{43}$", manage);
        using var browser = app.Browser();
        Assert.Equal("Your signature", (await browser.GetAsync(manage)).Heading);
    }
}
