using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Email;
using Petitions.Core.Staff;
using Petitions.Core.Updates;
using Petitions.Local.Mail;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Updates;

public sealed class UpdatePagesTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static Dictionary<string, string?> Written(string title, string body, string audience = "Subscribers") => new()
    {
        ["Input.Title"] = title, ["Input.Body"] = body, ["Input.Audience"] = audience,
    };

    // Writes a draft through the form and returns its page.
    private static async Task<Browser.WebPage> WriteAsync(Browser admin, int petitionId, string title, string body, string audience = "Subscribers")
    {
        var form = await admin.GetAsync($"/admin/petitions/{petitionId}/updates/write");
        var page = await admin.SubmitAsync(form, Written(title, body, audience));
        Assert.Equal(HttpStatusCode.Redirect, page.FirstStatus);
        return page;
    }

    private static Task<Browser.WebPage> PressAsync(Browser admin, Browser.WebPage page, string handler) =>
        admin.SubmitAsync(page, new Dictionary<string, string?>(), $"form[action*='handler={handler}']");

    private async Task<IReadOnlyList<CapturedMail>> WaitForUpdateAsync(long updateId, int expected)
    {
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db =>
            db.PetitionUpdates.AnyAsync(u => u.Id == updateId && u.Status == UpdateStatus.Sent)), TimeSpan.FromSeconds(30), "the update to be handed to the outbox");
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db =>
            db.OutboxMessages.CountAsync(m => m.UpdateId == updateId && m.SentAt != null)) == expected, TimeSpan.FromSeconds(30), $"{expected} emails to be sent");
        return app.Mail.Messages;
    }

    [Fact]
    public async Task Staff_write_translate_and_send_an_update_and_only_signers_who_asked_get_it_each_in_their_language()
    {
        var slug = await A.Petition().Open().Titled("Save the river").BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var reached = await Supporters.AddAsync(app, id,
            Supporter.Named("Ann English"), Supporter.Named("김민지").ReadIn("ko"), Supporter.Named("Émile Martin").ReadIn("fr"));
        var silent = await Supporters.AddAsync(app, id, [Supporter.Named("Not asked").NoUpdates(), .. Supporters.NeverReached()]);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var list = await admin.GetAsync($"/admin/petitions/{id}/updates");
        Assert.Equal("Updates to supporters", list.Heading);
        Assert.Contains("No updates yet.", list.MainText);

        var draft = await WriteAsync(admin, id, "We met the minister", "She **promised** an answer by June.");
        Assert.Equal("We met the minister", draft.Heading);
        Assert.Equal("Sent now, it would reach 3 people.", draft.Text(".update-reach"));
        var updateId = await app.WithDbAsync(db => db.PetitionUpdates.Where(u => u.PetitionId == id).Select(u => u.Id).SingleAsync());

        var translate = await admin.GetAsync($"/admin/petitions/{id}/updates/{updateId}/translations/ko");
        var translated = await admin.SubmitAsync(translate, new Dictionary<string, string?>
        {
            ["Input.Title"] = "장관을 만났습니다", ["Input.Body"] = "6월까지 **답변**을 약속했습니다.",
        });
        Assert.Contains("한국어", translated.Text(".notice"));

        // Previews: as on the page, in Korean; and the email on its own, in French with the main text.
        var korean = await admin.GetAsync($"/admin/petitions/{id}/updates/{updateId}?language=ko");
        Assert.Equal("장관을 만났습니다", korean.Text(".update-preview h4"));
        Assert.Contains("<strong>답변</strong>", korean.Document.QuerySelector(".update-preview")!.InnerHtml);
        var email = await admin.Http.GetStringAsync($"/admin/petitions/{id}/updates/{updateId}?handler=Email&language=fr");
        Assert.Contains("lang=\"fr\"", email);
        Assert.Contains("<strong>promised</strong>", email);

        var sending = await PressAsync(admin, korean, "Send");
        Assert.Equal(HttpStatusCode.Redirect, sending.FirstStatus);
        Assert.Equal("Sending has started. You can follow it on this page.", sending.Text(".notice"));

        var mail = await WaitForUpdateAsync(updateId, 3);
        var english = Assert.Single(mail, m => m.To == reached[0].Email);
        Assert.Equal("Update: We met the minister", english.Subject);
        Assert.Contains("Dear Ann English,", english.Text);
        Assert.Contains("She promised an answer by June.", english.Text);
        Assert.Contains("<strong>promised</strong>", english.Html);
        var ko = Assert.Single(mail, m => m.To == reached[1].Email);
        Assert.Equal("새 소식: 장관을 만났습니다", ko.Subject);
        Assert.Contains("<strong>답변</strong>", ko.Html);
        // No French text: the main text, in an email whose own words are French.
        var fr = Assert.Single(mail, m => m.To == reached[2].Email);
        Assert.Equal("Nouvelle : We met the minister", fr.Subject);
        Assert.Contains("Pour ne plus recevoir d’e-mails sur cette pétition, ouvrez ce lien :", fr.Text);
        Assert.Contains("<div lang=\"en\" dir=\"ltr\">", fr.Html);
        Assert.All(silent, s => Assert.Empty(app.Inbox.To(s.Email)));

        // One-click unsubscribe (RFC 8058) in the headers, and the same link in plain sight.
        foreach (var (message, signer) in new[] { (english, reached[0]), (ko, reached[1]), (fr, reached[2]) })
        {
            var token = await app.WithServiceAsync<UnsubscribeTokens, string>(t => t.ForAsync(signer.Id, CancellationToken.None));
            var link = new Uri(app.BaseAddress, $"/unsubscribe/{token}").ToString();
            Assert.Equal($"<{link}>", message.Header("List-Unsubscribe"));
            Assert.Equal("List-Unsubscribe=One-Click", message.Header("List-Unsubscribe-Post"));
            Assert.Contains(link, message.Text);
            Assert.Contains($"href=\"{link}\"", message.Html);
        }

        var done = await admin.GetAsync($"/admin/petitions/{id}/updates/{updateId}");
        Assert.Equal("Finished: 3 sent, 0 failed.", done.Text(".export__status"));
        Assert.False(done.Has(".export__check"));
        Assert.False(done.Has("script"));
        Assert.False(done.Has("form[action*='handler=Send']"));
        var rows = await admin.GetAsync($"/admin/petitions/{id}/updates");
        Assert.Contains("3 sent, 0 failed, 0 still to go.", rows.Text("tbody tr"));

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.UpdateCreated, AuditActions.UpdateTranslated, AuditActions.UpdateSent], audit);
    }

    [Fact]
    public async Task A_delivered_notice_is_refused_before_delivery_and_then_reaches_every_counted_signer()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var reached = await Supporters.AddAsync(app, id, Supporter.Named("Asked"), Supporter.Named("Did not ask").NoUpdates());
        var silent = await Supporters.AddAsync(app, id, Supporters.NeverReached());
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var form = await admin.GetAsync($"/admin/petitions/{id}/updates/write");
        Assert.Contains("It would reach 1 person now.", form.Text("label[for=Input_Audience] ~ .field__hint"));
        Assert.Contains("It would reach 2 people now.", form.Text("label[for=Input_Audience_DeliveredNotice] ~ .field__hint"));
        var refused = await admin.SubmitAsync(form, Written("Delivered!", "We handed it in.", "DeliveredNotice"));
        Assert.Equal(HttpStatusCode.OK, refused.FirstStatus);
        Assert.Equal("A delivery notice can be sent only once the petition is marked as delivered.",
            refused.Text(".error-summary a[href='#Input_Audience']"));
        Assert.Equal("true", refused.Document.QuerySelector("#Input_Audience_DeliveredNotice")!.HasAttribute("checked") ? "true" : "false");
        Assert.Equal(0, await app.WithDbAsync(db => db.PetitionUpdates.CountAsync(u => u.PetitionId == id)));

        await Supporters.MarkDeliveredAsync(app, id);
        var draft = await WriteAsync(admin, id, "Delivered!", "We handed it in.", "DeliveredNotice");
        Assert.Equal("Sent now, it would reach 2 people.", draft.Text(".update-reach"));
        await PressAsync(admin, draft, "Send");
        var updateId = await app.WithDbAsync(db => db.PetitionUpdates.Where(u => u.PetitionId == id).Select(u => u.Id).SingleAsync());

        var mail = await WaitForUpdateAsync(updateId, 2);
        Assert.All(reached, r => Assert.Contains("everyone who signed is told when it is delivered", Assert.Single(mail, m => m.To == r.Email).Text));
        Assert.All(silent, s => Assert.Empty(app.Inbox.To(s.Email)));
    }

    [Fact]
    public async Task A_response_notice_is_refused_until_the_response_is_recorded()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var refused = await admin.SubmitAsync(await admin.GetAsync($"/admin/petitions/{id}/updates/write"),
            Written("They answered", "Read the answer.", "ResponseNotice"));
        Assert.Equal("A response notice can be sent only once the recipient’s response, or its absence, is recorded.",
            refused.Text("#Input_Audience-error").Replace("Error: ", ""));

        await Supporters.RecordResponseAsync(app, id);
        var draft = await WriteAsync(admin, id, "They answered", "Read the answer.", "ResponseNotice");
        Assert.Equal("They answered", draft.Heading);
        Assert.True(draft.Has("form[action*='handler=Send']"));
    }

    [Fact]
    public async Task A_notice_written_as_a_draft_cannot_be_sent_once_its_reason_is_gone()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        await Supporters.RecordResponseAsync(app, id);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var draft = await WriteAsync(admin, id, "They answered", "Read the answer.", "ResponseNotice");
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE petitions SET responded_on = NULL WHERE id = {id}"));

        var refused = await PressAsync(admin, draft, "Send");

        Assert.Equal(HttpStatusCode.OK, refused.FirstStatus);
        Assert.Contains("A response notice can be sent only once", refused.Text(".error-summary"));
        Assert.Equal(UpdateStatus.Draft, await app.WithDbAsync(db => db.PetitionUpdates.Where(u => u.PetitionId == id).Select(u => u.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_forms_say_what_is_wrong_at_each_field_and_save_nothing()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var empty = await admin.SubmitAsync(await admin.GetAsync($"/admin/petitions/{id}/updates/write"),
            new Dictionary<string, string?> { ["Input.Title"] = " ", ["Input.Body"] = "", ["Input.Audience"] = "Everyone" });
        Assert.Equal(HttpStatusCode.OK, empty.FirstStatus);
        Assert.Equal(["#Input_Title", "#Input_Body", "#Input_Audience"],
            empty.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Enter a title for the update.", empty.Text("#Input_Title-error").Replace("Error: ", ""));
        Assert.Equal("true", empty.Document.QuerySelector("#Input_Body")!.GetAttribute("aria-invalid"));
        Assert.True(empty.Has("form[novalidate]"));

        var tooLong = await admin.SubmitAsync(await admin.GetAsync($"/admin/petitions/{id}/updates/write"),
            Written(new string('x', UpdateRules.TitleMaxLength + 1), new string('y', UpdateRules.BodyMaxLength + 1)));
        Assert.Equal("The title must be 200 characters or fewer.", tooLong.Text("#Input_Title-error").Replace("Error: ", ""));
        Assert.Equal("The update must be 20,000 characters or fewer.", tooLong.Text("#Input_Body-error").Replace("Error: ", ""));
        Assert.Equal(0, await app.WithDbAsync(db => db.PetitionUpdates.CountAsync(u => u.PetitionId == id)));

        await WriteAsync(admin, id, "News", "Some news.");
        var updateId = await app.WithDbAsync(db => db.PetitionUpdates.Where(u => u.PetitionId == id).Select(u => u.Id).SingleAsync());
        var translation = await admin.SubmitAsync(await admin.GetAsync($"/admin/petitions/{id}/updates/{updateId}/translations/de"),
            new Dictionary<string, string?> { ["Input.Title"] = "Neuigkeiten", ["Input.Body"] = "" });
        Assert.Equal(HttpStatusCode.OK, translation.FirstStatus);
        Assert.Equal("Write the update.", translation.Text("#Input_Body-error").Replace("Error: ", ""));
        Assert.Equal(0, await app.WithDbAsync(db => db.PetitionUpdateTranslations.CountAsync(t => t.UpdateId == updateId)));

        var unknown = await admin.Http.GetAsync($"/admin/petitions/{id}/updates/{updateId}/translations/xx");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_test_email_goes_only_to_the_staff_member_in_the_language_chosen_and_counts_for_nobody()
    {
        var slug = await A.Petition().Open().Titled("Save the river").BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var signers = await Supporters.AddAsync(app, id, Supporter.Named("Ann"), Supporter.Named("Ben"));
        var staffEmail = await app.CreateStaffAsync(StaffRoles.Admin);
        using var admin = app.Browser();
        await admin.SubmitAsync(await admin.GetAsync("/admin/login"),
            new Dictionary<string, string?> { ["Input.Email"] = staffEmail, ["Input.Password"] = PetitionsApp.StaffPassword });
        var draft = await WriteAsync(admin, id, "We met the minister", "She promised an answer.");

        var tested = await admin.SubmitAsync(draft, new Dictionary<string, string?> { ["TestLanguage"] = "ja" }, "form[action*='handler=Test']");

        Assert.Equal($"A test email is on its way to {staffEmail}.", tested.Text(".notice"));
        var test = await app.Inbox.WaitForAsync(staffEmail);
        Assert.Equal("[テスト] お知らせ：We met the minister", test.Subject);
        Assert.Contains("She promised an answer.", test.Text);
        await Task.Delay(500);
        Assert.All(signers, s => Assert.Empty(app.Inbox.To(s.Email)));
        var updateId = await app.WithDbAsync(db => db.PetitionUpdates.Where(u => u.PetitionId == id).Select(u => u.Id).SingleAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.UpdateId == updateId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.UpdateRecipients.CountAsync(r => r.UpdateId == updateId)));
        Assert.Equal(UpdateStatus.Draft, await app.WithDbAsync(db => db.PetitionUpdates.Where(u => u.Id == updateId).Select(u => u.Status).SingleAsync()));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.UpdateCreated, AuditActions.UpdateTestSent], audit);
    }

    [Fact]
    public async Task An_update_being_sent_shows_its_progress_without_javascript_and_stops_when_cancelled()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        await Supporters.AddAsync(app, id, Enumerable.Range(1, 4).Select(n => Supporter.Named($"Signer {n}")).ToArray());
        var (updateId, _) = await HeldUpdate.SendingAsync(app, id, "Halfway");
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var url = $"/admin/petitions/{id}/updates/{updateId}";

        var page = await admin.GetAsync(url);

        Assert.False(page.Has("meta[http-equiv=refresh]"));
        Assert.Equal("0 sent, 0 failed, 4 still to go.", page.Text(".export__status"));
        Assert.Equal("status", page.Document.QuerySelector(".export__state")!.GetAttribute("role"));
        var bar = page.Document.QuerySelector("progress")!;
        Assert.Equal(("0", "4"), (bar.GetAttribute("value"), bar.GetAttribute("max")));
        Assert.Equal(url, page.Document.QuerySelector(".export__check a")!.GetAttribute("href"));
        Assert.Equal("Check progress", page.Text(".export__check a"));
        Assert.True(page.Has("script[src^='/js/export-progress.js']"));
        Assert.False(page.Has("script:not([src])"));

        var cancelled = await PressAsync(admin, page, "Cancel");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.FirstStatus);
        Assert.Equal("Cancelled: 0 sent before it stopped, 0 failed.", cancelled.Text(".export__status"));
        Assert.False(cancelled.Has(".export__check"));
        Assert.False(cancelled.Has("script"));
        Assert.Equal(UpdateStatus.Cancelled, await app.WithDbAsync(db => db.PetitionUpdates.Where(u => u.Id == updateId).Select(u => u.Status).SingleAsync()));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.UpdateCancelled], audit);
    }

    [Fact]
    public async Task Moderators_cannot_write_or_send_updates()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.GetAsync($"/admin/petitions/{id}/updates");

        Assert.NotEqual(HttpStatusCode.OK, page.FirstStatus);
    }
}
