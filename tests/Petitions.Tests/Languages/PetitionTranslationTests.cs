using Microsoft.EntityFrameworkCore;
using Petitions.Core.Publishing;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Languages;

public sealed class PetitionTranslationTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly Dictionary<string, string?> Spanish = new()
    {
        ["Input.Title"] = "Salvemos el río",
        ["Input.Summary"] = "Que paren los vertidos.",
        ["Input.Body"] = "El río se está muriendo.\n\nPedimos al ministro que actúe.",
        ["Input.Demands"] = "Parar los vertidos\nLimpiar el río",
    };

    private Browser BrowserSpeaking(string acceptLanguage)
    {
        var browser = app.Browser();
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    private async Task<int> IdOfAsync(string slug) =>
        await app.WithDbAsync(db => db.Petitions.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task A_translation_staff_enter_is_shown_to_signers_in_that_language_and_the_original_to_others()
    {
        var slug = await A.Petition().Open().Titled("Save the river").BuildAsync(app);
        var id = await IdOfAsync(slug);
        using var admin = await app.StaffBrowserAsync("Admin");

        var form = await admin.GetAsync($"/admin/petitions/{id}/translations/es");
        var saved = await admin.SubmitAsync(form, Spanish, "form.narrow-form");

        Assert.Equal(new Uri(app.BaseAddress, $"/admin/petitions/{id}/edit"), saved.Url);
        Assert.Contains("The Español translation is saved.", saved.Document.Body!.TextContent);

        using var spanish = BrowserSpeaking("es-ES,es;q=0.9");
        var page = await spanish.GetAsync($"/petitions/{slug}");
        Assert.Equal("Salvemos el río", page.Heading);
        Assert.Equal("Que paren los vertidos.", page.Text(".lead"));
        Assert.Contains("El río se está muriendo.", page.Text(".petition__text"));
        Assert.Equal(["Parar los vertidos", "Limpiar el río"], page.Document.QuerySelectorAll(".demands li").Select(li => li.TextContent));
        Assert.Contains("Salvemos el río", (await spanish.GetAsync("/")).Text(".petition-list"));

        using var english = app.Browser();
        Assert.Equal("Save the river", (await english.GetAsync($"/petitions/{slug}")).Heading);
        using var korean = BrowserSpeaking("ko");
        var koreanPage = await korean.GetAsync($"/petitions/{slug}");
        Assert.Equal("Save the river", koreanPage.Heading);
        Assert.Equal("이 청원에 서명하기", koreanPage.Text("#sign-title"));
    }

    [Fact]
    public async Task A_signer_of_a_translation_gets_the_translated_title_in_their_email()
    {
        var slug = await A.Petition().Open().Titled("Save the river").BuildAsync(app);
        await TranslateAsync(slug, "es");
        var email = SignForm.UniqueEmail();
        using var spanish = BrowserSpeaking("es");

        await spanish.SubmitAsync(await spanish.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));

        var confirmation = await app.Inbox.WaitForAsync(email, "Confirma tu firma");
        Assert.Equal("Confirma tu firma: Salvemos el río", confirmation.Subject);
        var confirmPage = await spanish.GetAsync(Inbox.ConfirmationLink(confirmation));
        Assert.Equal("Vas a confirmar tu firma en Salvemos el río.", confirmPage.Text(".lead"));
        await spanish.SubmitAsync(confirmPage, new Dictionary<string, string?>());
        var receipt = await app.Inbox.WaitForAsync(email, "Tu firma está confirmada");
        Assert.Equal("Tu firma está confirmada: Salvemos el río", receipt.Subject);

        var manage = await spanish.GetAsync(Privacy.PrivacyJourney.ManageLink(receipt));
        Assert.Equal("Tu firma", manage.Heading);
        Assert.StartsWith("En Salvemos el río.", manage.Text(".lead"));
    }

    [Fact]
    public async Task Saving_a_translation_with_every_field_empty_removes_it()
    {
        var slug = await A.Petition().Open().Titled("Save the river").BuildAsync(app);
        var id = await TranslateAsync(slug, "es");
        using var admin = await app.StaffBrowserAsync("Admin");

        var form = await admin.GetAsync($"/admin/petitions/{id}/translations/es");
        Assert.Equal("Salvemos el río", form.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));
        await admin.SubmitAsync(form, Spanish.ToDictionary(f => f.Key, _ => (string?)""), "form.narrow-form");

        Assert.Equal(0, await app.WithDbAsync(db => db.PetitionTranslations.CountAsync(t => t.PetitionId == id)));
        using var spanish = BrowserSpeaking("es");
        Assert.Equal("Save the river", (await spanish.GetAsync($"/petitions/{slug}")).Heading);
    }

    [Fact]
    public async Task A_translation_is_held_to_the_rules_of_the_original()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await IdOfAsync(slug);
        using var admin = await app.StaffBrowserAsync("Admin");

        var page = await admin.SubmitAsync(await admin.GetAsync($"/admin/petitions/{id}/translations/fr"),
            new Dictionary<string, string?>(Spanish) { ["Input.Title"] = "" }, "form.narrow-form");

        Assert.Equal("Enter a title.", page.Text(".error-summary a[href='#Input_Title']"));
        Assert.Equal(0, await app.WithDbAsync(db => db.PetitionTranslations.CountAsync(t => t.PetitionId == id)));
    }

    [Fact]
    public async Task There_is_no_translation_page_for_English_or_a_language_the_site_does_not_speak()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await IdOfAsync(slug);
        using var admin = await app.StaffBrowserAsync("Admin");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/petitions/{id}/translations/en")).Status);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/petitions/{id}/translations/xx")).Status);
    }

    [Fact]
    public async Task The_snapshot_carries_every_translation_so_readers_of_any_language_cost_no_extra_load()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await TranslateAsync(slug, "es");
        await TranslateAsync(slug, "de");

        var snapshot = await app.WithServiceAsync<PetitionQueries, PetitionPage?>(q => q.FindPublishedAsync(slug, CancellationToken.None));

        Assert.Equal(["de", "es"], snapshot!.Snapshot.Translations.Keys.Order());
        Assert.Equal("Salvemos el río", snapshot.Snapshot.In("es").Title);
        Assert.Equal("es", snapshot.Snapshot.In("es").TextLanguage);
        Assert.Same(snapshot.Snapshot, snapshot.Snapshot.In("ko"));
    }

    private async Task<int> TranslateAsync(string slug, string language)
    {
        var id = await IdOfAsync(slug);
        var result = await app.WithServiceAsync<PetitionEditor, EditResult>(editor => editor.TranslateAsync(id, language,
            new PetitionTranslationForm(Spanish["Input.Title"]!, Spanish["Input.Summary"]!, Spanish["Input.Body"]!, Spanish["Input.Demands"]!),
            Core.Audit.Actor.System, CancellationToken.None));
        Assert.IsType<EditResult.Saved>(result);
        return id;
    }
}
