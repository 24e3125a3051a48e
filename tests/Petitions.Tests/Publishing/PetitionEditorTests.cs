using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Publishing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Publishing;

public sealed class PetitionEditorTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static Dictionary<string, string?> Form(string slug, string title = "Free the river", string demands = "Stop the dumping\nClean the river") => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = slug,
        ["Input.RecipientName"] = "The Minister for Rivers",
        ["Input.RecipientAddress"] = "1 River Street\nLondon",
        ["Input.Summary"] = "Stop the dumping.",
        ["Input.Body"] = "The river is **dying**.\n\n<script>alert(1)</script>\n\n[evil](javascript:alert(2)) and [good](https://example.org)",
        ["Input.Demands"] = demands,
        ["Input.Target"] = "500",
        ["Input.ClosesOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"),
        ["Input.CityField"] = "Optional",
        ["Input.CommentField"] = "Optional",
    };

    private static readonly Dictionary<string, string?> NoFields = [];

    private static string NewSlug() => $"river-{Guid.NewGuid():N}";

    [Fact]
    public async Task An_admin_drafts_and_publishes_a_petition_that_supporters_can_then_sign()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var slug = NewSlug();

        var edit = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), Form(slug));
        Assert.Equal("The draft is saved.", edit.Text(".notice--success"));
        using var supporter = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await supporter.GetAsync($"/petitions/{slug}")).Status);

        var published = await admin.SubmitAsync(edit, NoFields, "form[action*='handler=Publish']");
        Assert.Equal("The petition is published and open for signatures.", published.Text(".notice--success"));

        var page = await supporter.GetAsync($"/petitions/{slug}");
        Assert.Equal("Free the river", page.Heading);
        Assert.Equal("dying", page.Text(".petition__text strong"));
        Assert.DoesNotContain("<script>alert(1)", page.Html);
        Assert.Contains("&lt;script&gt;", page.Html);
        Assert.False(page.Has(".petition__text a[href^='javascript']"));
        Assert.True(page.Has(".petition__text a[href='https://example.org']"));
        var signed = await supporter.SubmitAsync(page, SignForm.Valid(SignForm.UniqueEmail()));
        Assert.Equal("Check your email", signed.Heading);
    }

    [Fact]
    public async Task Each_bad_field_in_the_editor_gets_a_message_and_nothing_is_saved()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var form = Form("Not A Slug!", title: "");
        form["Input.Target"] = "0";
        form["Input.Demands"] = "";

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), form);

        Assert.Equal("Error: Enter a title.", page.Text("#Input_Title-error"));
        Assert.StartsWith("Error: Use only lower-case letters", page.Text("#Input_Slug-error"));
        Assert.StartsWith("Error: The target must be", page.Text("#Input_Target-error"));
        Assert.StartsWith("Error: Enter at least one demand", page.Text("#Input_Demands-error"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Petitions.CountAsync(p => p.Slug == "Not A Slug!")));
    }

    [Fact]
    public async Task Two_petitions_cannot_share_a_web_address()
    {
        var taken = await A.Petition().Open().BuildAsync(app);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), Form(taken));

        Assert.Equal("Error: Another petition already has this web address.", page.Text("#Input_Slug-error"));
    }

    [Fact]
    public async Task Editing_a_published_text_makes_a_new_version_and_signatures_keep_the_version_they_signed()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var slug = NewSlug();
        var edit = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), Form(slug));
        edit = await admin.SubmitAsync(edit, NoFields, "form[action*='handler=Publish']");
        using var supporter = app.Browser();
        var early = SignForm.UniqueEmail("early");
        await supporter.SubmitAsync(await supporter.GetAsync($"/petitions/{slug}"), SignForm.Valid(early));

        // Settings alone do not make a version; a change to the text does.
        var settingsOnly = Form(slug);
        settingsOnly["Input.Target"] = "900";
        edit = await admin.SubmitAsync(edit, settingsOnly, "form:not([action])");
        Assert.Equal("Saved.", edit.Text(".notice--success"));
        edit = await admin.SubmitAsync(edit, Form(slug, title: "Free the river now", demands: "Stop the dumping\nClean the river\nFine the polluters"), "form:not([action])");
        Assert.StartsWith("Saved. The text is now version 2", edit.Text(".notice--success"));

        var late = SignForm.UniqueEmail("late");
        var page = await supporter.GetAsync($"/petitions/{slug}");
        Assert.Equal("Free the river now", page.Heading);
        Assert.Equal(3, page.Document.QuerySelectorAll(".demands li").Length);
        await supporter.SubmitAsync(page, SignForm.Valid(late));

        var versions = await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == early || s.Email == late)
            .ToDictionaryAsync(s => s.Email!, s => s.PetitionVersion));
        Assert.Equal(1, versions[early]);
        Assert.Equal(2, versions[late]);
        var kept = await app.WithDbAsync(db => db.PetitionVersions.Where(v => db.Petitions.Any(p => p.Id == v.PetitionId && p.Slug == slug))
            .OrderBy(v => v.Number).Select(v => v.Title).ToListAsync());
        Assert.Equal(["Free the river", "Free the river now"], kept);
    }

    [Fact]
    public async Task The_address_of_a_published_petition_is_fixed()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var slug = NewSlug();
        var edit = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), Form(slug));
        edit = await admin.SubmitAsync(edit, NoFields, "form[action*='handler=Publish']");

        var page = await admin.SubmitAsync(edit, Form(NewSlug()), "form:not([action])");

        Assert.StartsWith("Error: The web address of a published petition cannot change", page.Text("#Input_Slug-error"));
    }

    [Fact]
    public async Task Closing_and_marking_delivered_show_on_the_public_page_and_are_audited()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var slug = NewSlug();
        var edit = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), Form(slug));
        edit = await admin.SubmitAsync(edit, NoFields, "form[action*='handler=Publish']");
        edit = await admin.SubmitAsync(edit, NoFields, "form[action*='handler=Close']");
        Assert.Equal("The petition is closed.", edit.Text(".notice--success"));
        using var supporter = app.Browser();
        Assert.True((await supporter.GetAsync($"/petitions/{slug}")).Has(".notice--closed"));

        // Delivering has a page of its own, which needs the delivery pack made first.
        var id = await app.PetitionIdAsync(slug);
        Assert.Equal($"/admin/petitions/{id}/delivery", edit.Document.QuerySelector("section a[href$='/delivery']")?.GetAttribute("href"));
        await Deliveries.FinishedExportAsync(app, id, 0);
        var delivery = await Deliveries.SubmitAsync(admin, await admin.GetAsync($"/admin/petitions/{id}/delivery"), new Dictionary<string, string?>
        {
            ["Input.On"] = "2026-12-01", ["Input.Place"] = "1 River Street, London", ["Input.By"] = "The river campaign",
        });
        Assert.Equal("The delivery on 1 December 2026 is recorded.", delivery.Text(".notice--success"));

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.PetitionCreated, AuditActions.PetitionPublished, AuditActions.PetitionClosed, AuditActions.PetitionDelivered], actions);
    }

    [Fact]
    public async Task A_petition_can_require_or_hide_the_optional_sign_form_fields()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var slug = NewSlug();
        var form = Form(slug);
        form["Input.CityField"] = "Required";
        form["Input.CommentField"] = "Hidden";
        var edit = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), form);
        await admin.SubmitAsync(edit, NoFields, "form[action*='handler=Publish']");
        using var supporter = app.Browser();

        var page = await supporter.GetAsync($"/petitions/{slug}");
        Assert.False(page.Has("#Input_Comment"));
        var refused = await supporter.SubmitAsync(page, SignForm.Valid(SignForm.UniqueEmail()).With("Input.City", null));

        Assert.Equal("Error: Enter your city or postcode.", refused.Text("#Input_City-error"));
    }

    [Fact]
    public async Task Moderators_cannot_create_or_edit_petitions()
    {
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync("/admin/petitions/new")).StatusCode);
    }
}
