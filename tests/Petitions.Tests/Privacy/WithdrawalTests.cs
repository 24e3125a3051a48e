using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Counting;
using Petitions.Core.Delivery;
using Petitions.Core.Email;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Privacy;

public sealed class WithdrawalTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly Dictionary<string, string?> NoFields = PrivacyJourney.NoFields;

    private Task<Signature?> StoredAsync(long id) =>
        app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id));

    private Task<long> IdOfAsync(string email) =>
        app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Withdrawing_through_the_email_link_removes_the_signature_from_the_count_and_erases_the_name_and_email()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email,
            SignForm.Valid(email, "Grace Hopper").With("Input.Comment", "For my grandchildren").With("Input.WantsUpdates", "true"));
        var id = await IdOfAsync(email);
        using var browser = app.Browser();
        Assert.Equal("1", await PrivacyJourney.CountAsync(browser, slug));

        var page = await browser.GetAsync(manage);
        Assert.Equal("Your signature", page.Heading);
        var done = await browser.SubmitAsync(page, NoFields, "form[action*='handler=Withdraw']");

        Assert.Equal("Your signature is withdrawn", done.Heading);
        Assert.Equal("0", await PrivacyJourney.CountAsync(browser, slug));
        var petitionId = await app.PetitionIdAsync(slug);
        Assert.Equal(0, await app.WithServiceAsync<SignatureCounter, long>(async c => (await c.ReconcileAsync(petitionId, CancellationToken.None)).Count));

        var tombstone = await StoredAsync(id);
        Assert.NotNull(tombstone);
        Assert.Equal(SignatureStatus.Withdrawn, tombstone.Status);
        Assert.Equal("", tombstone.Name);
        Assert.Null(tombstone.Email);
        Assert.Null(tombstone.NormalizedEmail);
        Assert.Null(tombstone.EmailDomain);
        Assert.Null(tombstone.City);
        Assert.Null(tombstone.Comment);
        Assert.Null(tombstone.IpAddress);
        Assert.Null(tombstone.UserAgent);
        Assert.False(tombstone.WantsUpdates);
        Assert.Equal("GB", tombstone.Country);
        Assert.NotNull(tombstone.WithdrawnAt);
        Assert.Equal(0, await app.WithDbAsync(db => db.ConfirmationTokens.CountAsync(t => t.SignatureId == id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ManageTokens.CountAsync(t => t.SignatureId == id)));

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.SignatureWithdrawn && e.Target == $"petition {slug}"));
        Assert.DoesNotContain("Grace", audit.Details);
        Assert.DoesNotContain(email, audit.Details);
        Assert.Null(audit.IpAddress);

        // The link is spent: opening or posting it again finds nothing, and changes nothing.
        var reopened = await browser.GetAsync(manage);
        Assert.Equal(HttpStatusCode.NotFound, reopened.Status);
        Assert.Equal("We don’t recognise this link", reopened.Heading);
        var replayed = await browser.PostWithTokenOfAsync(page, manage + "?handler=Withdraw");
        Assert.Equal(HttpStatusCode.NotFound, replayed.Status);
        Assert.Contains("If you have already withdrawn your signature", replayed.MainText);
        Assert.Equal("0", await PrivacyJourney.CountAsync(browser, slug));
    }

    [Fact]
    public async Task Withdrawing_deletes_the_emails_sent_to_the_signer_and_cancels_those_still_queued_at_once()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var other = SignForm.UniqueEmail("other");
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email, SignForm.Valid(email, "Grace Hopper"));
        await PrivacyJourney.SignAndConfirmAsync(app, slug, other);
        // One more for the signer, waiting for its time to be sent (as a retry would).
        await app.WithDbAsync(async db =>
        {
            var queued = OutboxMessage.For(new EmailContent("Queued", "For Grace Hopper", "<p>For Grace Hopper</p>"), email, "Grace Hopper",
                "example.org", DateTimeOffset.UtcNow);
            db.OutboxMessages.Add(queued);
            db.Entry(queued).Property(m => m.NextAttemptAt).CurrentValue = DateTimeOffset.UtcNow.AddHours(1);
            await db.SaveChangesAsync();
        });
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email)) >= 3);

        using var browser = app.Browser();
        var done = await browser.SubmitAsync(await browser.GetAsync(manage), NoFields, "form[action*='handler=Withdraw']");

        Assert.Equal("Your signature is withdrawn", done.Heading);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress.ToLower() == email.ToLower())));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.TextBody.Contains("Grace Hopper"))));
        Assert.Equal(2, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == other)));
    }

    [Fact]
    public async Task Withdrawing_before_confirming_leaves_the_count_alone_and_the_confirmation_link_dead()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(1).BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var confirmation = await app.Inbox.WaitForAsync(email, "Please confirm");
        var id = await IdOfAsync(email);

        var page = await browser.GetAsync(PrivacyJourney.ManageLink(confirmation));
        Assert.Contains("not confirmed yet", page.MainText);
        var done = await browser.SubmitAsync(page, NoFields, "form[action*='handler=Withdraw']");
        var confirmLink = await browser.GetAsync(Inbox.ConfirmationLink(confirmation));

        Assert.Equal("Your signature is withdrawn", done.Heading);
        Assert.Equal(HttpStatusCode.NotFound, confirmLink.Status);
        Assert.Equal("1", await PrivacyJourney.CountAsync(browser, slug));
        Assert.Equal(SignatureStatus.Withdrawn, (await StoredAsync(id))!.Status);
    }

    [Fact]
    public async Task Withdrawing_twice_at_once_counts_down_once()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email);
        using var first = app.Browser();
        using var second = app.Browser();
        var firstPage = await first.GetAsync(manage);
        var secondPage = await second.GetAsync(manage);

        var results = await Task.WhenAll(
            first.SubmitAsync(firstPage, NoFields, "form[action*='handler=Withdraw']"),
            second.SubmitAsync(secondPage, NoFields, "form[action*='handler=Withdraw']"));

        Assert.All(results, r => Assert.NotEqual(HttpStatusCode.InternalServerError, r.Status));
        Assert.Contains(results, r => r.Heading == "Your signature is withdrawn");
        Assert.Equal("2", await PrivacyJourney.CountAsync(first, slug));
        Assert.Equal(1, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.Status == SignatureStatus.Withdrawn
            && db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug))));
    }

    [Fact]
    public async Task Withdrawn_signature_is_not_in_a_later_export()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var staying = SignForm.UniqueEmail("staying");
        var leaving = SignForm.UniqueEmail("leaving");
        await PrivacyJourney.SignAndConfirmAsync(app, slug, staying, SignForm.Valid(staying, "Stays Here"));
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, leaving, SignForm.Valid(leaving, "Goes Away"));
        using var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync(manage), NoFields, "form[action*='handler=Withdraw']");
        var petitionId = await app.PetitionIdAsync(slug);

        var delivered = await app.WithServiceAsync<SignerListQuery, List<DeliveredSigner>>(q =>
            q.StreamAsync(petitionId, CancellationToken.None).ToListAsync().AsTask());
        var audited = await app.WithServiceAsync<SignerListQuery, List<AuditedSigner>>(q =>
            q.StreamForAuditAsync(petitionId, CancellationToken.None).ToListAsync().AsTask());
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var csv = await admin.Http.GetStringAsync($"/admin/petitions/{petitionId}/export?handler=Csv");

        Assert.Equal(["Stays Here"], delivered.Select(s => s.Name));
        Assert.Equal([1L], delivered.Select(s => s.Number));
        Assert.Equal([staying], audited.Select(s => s.Email));
        Assert.Contains("Stays Here", csv);
        Assert.DoesNotContain("Goes Away", csv);

        // Moderators see the tombstone under its own status, with nothing left to act on.
        var list = await admin.GetAsync($"/admin/petitions/{petitionId}/signatures?status=withdrawn");
        var row = Assert.Single(list.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("Withdrawn", row.TextContent);
        Assert.Contains("(erased)", row.TextContent);
        var review = await admin.GetAsync(row.QuerySelector("a")!.GetAttribute("href")!);
        Assert.False(review.Has(".invalidate-form"));
    }

    [Fact]
    public async Task Withdrawal_is_refused_clearly_after_the_petition_is_delivered()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email);
        using var browser = app.Browser();
        var before = await browser.GetAsync(manage);
        await PrivacyJourney.MarkDeliveredAsync(app, slug, new DateOnly(2026, 11, 20));

        var page = await browser.GetAsync(manage);
        Assert.False(page.Has("form[action*='handler=Withdraw']"));
        Assert.Contains("delivered on 20 November 2026", page.MainText);
        Assert.Contains("can no longer be withdrawn", page.MainText);
        Assert.True(page.Has("form[action*='handler=Copy']"));

        var refused = await browser.SubmitAsync(before, NoFields, "form[action*='handler=Withdraw']");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("can no longer be withdrawn", refused.MainText);
        Assert.Equal("1", await PrivacyJourney.CountAsync(browser, slug));
        var stored = await app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.Email == email));
        Assert.Equal(SignatureStatus.Confirmed, stored.Status);
    }

    [Fact]
    public async Task Stopping_updates_keeps_the_signature_counted()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email, SignForm.Valid(email).With("Input.WantsUpdates", "true"));
        using var browser = app.Browser();

        var page = await browser.SubmitAsync(await browser.GetAsync(manage), NoFields, "form[action*='handler=StopUpdates']");
        var again = await browser.PostWithTokenOfAsync(page, manage + "?handler=StopUpdates");

        Assert.Contains("we will not send you update emails", page.MainText);
        Assert.False(page.Has("form[action*='handler=StopUpdates']"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var stored = await app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.Email == email));
        Assert.False(stored.WantsUpdates);
        Assert.Equal(SignatureStatus.Confirmed, stored.Status);
        Assert.Equal("1", await PrivacyJourney.CountAsync(browser, slug));
    }

    [Fact]
    public async Task Asking_for_a_copy_emails_what_is_held()
    {
        var slug = await A.Petition().Open().Titled("Plant more trees").BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email,
            SignForm.Valid(email, "Wangari Maathai", "KE").With("Input.Comment", "Trees are life").With("Input.WantsUpdates", "true"));
        using var browser = app.Browser();

        var page = await browser.SubmitAsync(await browser.GetAsync(manage), NoFields, "form[action*='handler=Copy']");
        var copy = await app.Inbox.WaitForAsync(email, "A copy of the data we hold");

        Assert.Contains("emailed a copy", page.MainText);
        Assert.DoesNotContain(email, page.Html);
        Assert.DoesNotContain("Trees are life", page.Html);
        foreach (var held in new[]
                 {
                     "Petition: Plant more trees, to The Minister for Rivers", "Name: Wangari Maathai", $"Email address: {email}",
                     "Country: Kenya (KE)", "City or postcode: London", "Comment: Trees are life", "Email me updates about this petition: yes",
                     $"Consent: wording version {Core.Privacy.ConsentWording.Version}, given ", "Status: confirmed", "IP address: 127.0.0.1",
                     "Signed: ", "Confirmed: ",
                 })
        {
            Assert.Contains(held, copy.Text);
        }
    }

    [Fact]
    public async Task Copies_asked_for_on_the_manage_page_count_toward_the_five_emails_a_signature_may_cause_and_past_them_the_page_says_so()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email);
        var sentBefore = await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.EmailsSent).SingleAsync());
        var allowed = Core.Signing.SignatureRules.MaxEmailsPerSignature - sentBefore;
        using var browser = app.Browser();

        var pages = new List<Browser.WebPage>();
        for (var i = 0; i < 6; i++)
            pages.Add(await browser.SubmitAsync(await browser.GetAsync(manage), NoFields, "form[action*='handler=Copy']"));

        Assert.InRange(allowed, 1, 5);
        Assert.All(pages.Take(allowed), p => Assert.Contains("emailed a copy", p.MainText));
        Assert.All(pages.Skip(allowed), p => Assert.Contains("No copy was sent: we send at most 5 emails about one signature, and this one has had them all.", p.MainText));
        await Eventually.TrueAsync(() => Task.FromResult(app.Inbox.To(email).Count(m => m.Subject.Contains("A copy of the data we hold")) == allowed),
            Inbox.Patience, $"{allowed} copies");
        await Task.Delay(500);
        Assert.Equal(allowed, app.Inbox.To(email).Count(m => m.Subject.Contains("A copy of the data we hold")));
        Assert.Equal(Core.Signing.SignatureRules.MaxEmailsPerSignature,
            await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.EmailsSent).SingleAsync()));
    }

    [Fact]
    public async Task Withdrawn_address_can_sign_again()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email);
        using var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync(manage), NoFields, "form[action*='handler=Withdraw']");

        var signedAgain = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        Assert.Equal("Check your email", signedAgain.Heading);
        var deadline = DateTime.UtcNow + Inbox.Patience;
        while (app.Inbox.To(email).Count(m => m.Subject.StartsWith("Please confirm", StringComparison.Ordinal)) < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var fresh = app.Inbox.To(email).Where(m => m.Subject.StartsWith("Please confirm", StringComparison.Ordinal)).ElementAt(1);
        var confirmed = await browser.SubmitAsync(await browser.GetAsync(Inbox.ConfirmationLink(fresh)), NoFields);

        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);
        Assert.Equal("1", await PrivacyJourney.CountAsync(browser, slug));
        Assert.Equal(2, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task Moderators_cannot_invalidate_a_withdrawn_signature_and_the_count_stays_right()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email);
        var id = await IdOfAsync(email);
        using var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync(manage), NoFields, "form[action*='handler=Withdraw']");
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var review = await moderator.GetAsync($"/admin/signatures/{id}");
        var single = await moderator.PostWithTokenOfAsync(review, $"/admin/signatures/{id}?handler=Invalidate",
            new Dictionary<string, string?> { ["reason"] = "Looks fake" });
        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country=GB");
        var bulk = await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = "Bot wave" }, "form.bulk-form");

        Assert.NotEqual(HttpStatusCode.InternalServerError, single.Status);
        Assert.NotEqual(HttpStatusCode.InternalServerError, bulk.Status);
        Assert.Equal(SignatureStatus.Withdrawn, (await StoredAsync(id))!.Status);
        Assert.Equal(2, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.PetitionId == petitionId && s.Status == SignatureStatus.Invalidated)));
        Assert.Equal("0", await PrivacyJourney.CountAsync(browser, slug));
        Assert.Equal(0, await app.WithServiceAsync<SignatureCounter, long>(async c => (await c.ReconcileAsync(petitionId, CancellationToken.None)).Count));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("short")]
    [InlineData("<script>alert(1)</script>")]
    public async Task An_unknown_manage_link_is_a_clear_not_found_page(string token)
    {
        using var browser = app.Browser();
        var slug = await A.Petition().Open().BuildAsync(app);
        var url = $"/signatures/manage/{Uri.EscapeDataString(token)}";

        var page = await browser.GetAsync(url);
        var withdraw = await browser.PostWithTokenOfAsync(await browser.GetAsync($"/petitions/{slug}"), url + "?handler=Withdraw");
        var copy = await browser.PostWithTokenOfAsync(await browser.GetAsync($"/petitions/{slug}"), url + "?handler=Copy");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("We don’t recognise this link", page.Heading);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.Status);
        Assert.Equal(HttpStatusCode.NotFound, copy.Status);
    }
}
