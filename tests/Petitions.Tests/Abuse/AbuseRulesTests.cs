using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Abuse;
using Petitions.Core.Audit;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Moderation;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Abuse;

// Each test sets the rules it is about (the others stay out of the way) and signs from its own
// documentation addresses, sent as X-Forwarded-For by the trusted local "proxy".
public sealed class AbuseRulesTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task A_signature_over_the_burst_limit_is_held_silently_and_does_not_count()
    {
        await app.SetAbuseRulesAsync(burstLimit: 5, burstWindow: TimeSpan.FromMinutes(1));
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom("203.0.113.7");

        var first = await SignAsync(browser, slug, SignForm.UniqueEmail());
        for (var i = 0; i < 4; i++)
            await SignAsync(browser, slug, SignForm.UniqueEmail());
        var sixth = SignForm.UniqueEmail();
        var page = await SignAsync(browser, slug, sixth);

        Assert.Equal(first.MainText, page.MainText);
        Assert.Equal("rate: 6 from 203.0.113.7 in 1 minute", await FlagReasonAsync(sixth));
        Assert.Equal(5, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.FlaggedAt == null && s.IpAddress == IPAddress.Parse("203.0.113.7"))));
        await ConfirmsWithoutCountingAsync(browser, slug, sixth);
    }

    [Fact]
    public async Task A_burst_sent_all_at_once_is_held_exactly_as_one_sent_in_turn()
    {
        await app.SetAbuseRulesAsync(burstLimit: 5, burstWindow: TimeSpan.FromMinutes(1));
        var slug = await A.Petition().Open().BuildAsync(app);
        var browsers = Enumerable.Range(0, 12).Select(_ => BrowserFrom("203.0.113.9")).ToArray();
        var pages = await Task.WhenAll(browsers.Select(b => b.GetAsync($"/petitions/{slug}")));

        var results = await Task.WhenAll(browsers.Select((b, i) => b.SubmitAsync(pages[i], SignForm.Valid(SignForm.UniqueEmail()))));

        Assert.All(results, r => Assert.Equal("Check your email", r.Heading));
        var reasons = await app.WithDbAsync(db => db.Signatures
            .Where(s => s.IpAddress == IPAddress.Parse("203.0.113.9")).Select(s => s.FlagReason).ToListAsync());
        Assert.Equal(5, reasons.Count(r => r is null));
        Assert.Equal(Enumerable.Range(6, 7).Select(n => $"rate: {n} from 203.0.113.9 in 1 minute").Order(), reasons.OfType<string>().Order());
        foreach (var b in browsers)
            b.Dispose();
    }

    [Fact]
    public async Task A_signature_over_the_sustained_limit_is_held_though_the_burst_limit_is_kept()
    {
        await app.SetAbuseRulesAsync(burstLimit: 5, burstWindow: TimeSpan.FromMinutes(1), sustainedLimit: 8, sustainedWindow: TimeSpan.FromHours(1));
        var slug = await A.Petition().Open().BuildAsync(app);
        await EarlierSignaturesAsync(slug, "203.0.113.8", count: 7, ago: TimeSpan.FromMinutes(20));
        using var browser = BrowserFrom("203.0.113.8");

        var eighth = SignForm.UniqueEmail();
        await SignAsync(browser, slug, eighth);
        var ninth = SignForm.UniqueEmail();
        await SignAsync(browser, slug, ninth);

        Assert.Null(await FlagReasonAsync(eighth));
        Assert.Equal("rate: 9 from 203.0.113.8 in 1 hour", await FlagReasonAsync(ninth));
        await ConfirmsWithoutCountingAsync(browser, slug, ninth);
    }

    public static TheoryData<string, string, string, string, string> Blocked => new()
    {
        // kind, listed value, signer's address, signer's email, flag reason
        { "IpRange", "198.51.100.23", "198.51.100.23", "someone@example.org", "blocked: IP address 198.51.100.23" },
        { "IpRange", "198.51.101.0/24", "198.51.101.77", "someone@example.org", "blocked: IP range 198.51.101.0/24" },
        { "EmailDomain", "Spam.Example", "203.0.113.40", "anyone@spam.example", "blocked: email domain spam.example" },
        { "EmailAddress", "Bot.Account+x@gmail.com", "203.0.113.41", "botaccount@googlemail.com", "blocked: email address botaccount@gmail.com" },
    };

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_signature_matching_the_block_list_is_held_silently_and_does_not_count(
        string kind, string value, string ip, string email, string reason)
    {
        await app.SetAbuseRulesAsync();
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var added = await AddToListAsync(admin, "Block", kind, value);
        Assert.Equal("/admin/rules", added.Url.AbsolutePath);
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom(ip);
        var signer = email.Replace("@", $"+{Guid.NewGuid():N}@", StringComparison.Ordinal);
        if (kind == "EmailAddress")
            signer = email;

        await SignAsync(browser, slug, signer);

        Assert.Equal(reason, await FlagReasonAsync(signer, slug));
        await ConfirmsWithoutCountingAsync(browser, slug, signer);
    }

    [Fact]
    public async Task A_form_with_the_hidden_decoy_field_filled_in_is_held_silently()
    {
        await app.SetAbuseRulesAsync();
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom("203.0.113.60");
        var email = SignForm.UniqueEmail();

        await SignAsync(browser, slug, email, SignForm.Valid(email).With("Input.Website", "https://cheap-pills.example"));

        Assert.Equal("honeypot: the hidden field was filled in", await FlagReasonAsync(email));
        await ConfirmsWithoutCountingAsync(browser, slug, email);
    }

    [Fact]
    public async Task The_decoy_field_is_hidden_out_of_the_tab_order_and_labelled_to_be_left_empty()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var decoy = page.Document.QuerySelector("form #Input_Website")!;
        Assert.Equal("-1", decoy.GetAttribute("tabindex"));
        Assert.Equal("off", decoy.GetAttribute("autocomplete"));
        Assert.Contains("Leave this field empty", page.Text("label[for=Input_Website]"));
        Assert.Equal("sign__decoy", decoy.ParentElement!.ClassName);
    }

    [Fact]
    public async Task A_form_sent_back_faster_than_the_default_minimum_is_held_silently()
    {
        await app.UseDefaultAbuseRulesAsync();
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom("203.0.113.61");
        var email = SignForm.UniqueEmail();

        await SignAsync(browser, slug, email);

        var reason = await FlagReasonAsync(email);
        Assert.StartsWith("too fast: sent ", reason);
        Assert.EndsWith("seconds after the form was shown (minimum 3 seconds)", reason);
        await ConfirmsWithoutCountingAsync(browser, slug, email);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CfDJ8-not-a-real-timestamp")]
    public async Task A_form_without_a_genuine_timestamp_is_held_silently(string? shownAt)
    {
        await app.UseDefaultAbuseRulesAsync();
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom("203.0.113.62");
        var email = SignForm.UniqueEmail();

        await SignAsync(browser, slug, email, SignForm.Valid(email).With("Input.ShownAt", shownAt));

        Assert.Equal("no form timestamp: missing, altered, shown to another visitor or too old", await FlagReasonAsync(email));
        await ConfirmsWithoutCountingAsync(browser, slug, email);
    }

    [Fact]
    public async Task A_person_who_takes_the_minimum_time_is_counted()
    {
        await app.SetAbuseRulesAsync(minimumFillTime: TimeSpan.FromSeconds(1));
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom("203.0.113.63");
        var email = SignForm.UniqueEmail();
        var form = await browser.GetAsync($"/petitions/{slug}");

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal("Check your email", (await browser.SubmitAsync(form, SignForm.Valid(email))).Heading);

        Assert.Null(await FlagReasonAsync(email));
        await ConfirmAsync(browser, email);
        Assert.Equal("1", await PublicCountAsync(browser, slug));
    }

    [Fact]
    public async Task A_form_sent_back_with_errors_keeps_the_time_it_was_first_shown()
    {
        await app.SetAbuseRulesAsync(minimumFillTime: TimeSpan.FromSeconds(1));
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom("203.0.113.64");
        var email = SignForm.UniqueEmail();
        var form = await browser.GetAsync($"/petitions/{slug}");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var withError = await browser.SubmitAsync(form, SignForm.Valid(email).With("Input.Consent", null));
        Assert.True(withError.Has("#Input_Consent-error"));
        await browser.SubmitAsync(withError, SignForm.Valid(email));

        Assert.Null(await FlagReasonAsync(email));
    }

    [Fact]
    public async Task An_address_on_the_allow_list_is_exempt_from_the_rate_limits_but_not_from_the_other_rules()
    {
        await app.SetAbuseRulesAsync(burstLimit: 2, burstWindow: TimeSpan.FromMinutes(1));
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        await AddToListAsync(admin, "Allow", "IpRange", "192.0.2.0/24", note: "Secondary school behind one address");
        var slug = await A.Petition().Open().BuildAsync(app);
        using var school = BrowserFrom("192.0.2.10");

        var pupils = Enumerable.Range(0, 4).Select(_ => SignForm.UniqueEmail("pupil")).ToArray();
        foreach (var pupil in pupils)
            await SignAsync(school, slug, pupil);
        var bot = SignForm.UniqueEmail("bot");
        await SignAsync(school, slug, bot, SignForm.Valid(bot).With("Input.Website", "x"));

        foreach (var pupil in pupils)
            Assert.Null(await FlagReasonAsync(pupil));
        Assert.Equal("honeypot: the hidden field was filled in", await FlagReasonAsync(bot));

        // The same rule still holds for an address that is not allowed.
        using var other = BrowserFrom("203.0.113.70");
        for (var i = 0; i < 2; i++)
            await SignAsync(other, slug, SignForm.UniqueEmail());
        var third = SignForm.UniqueEmail();
        await SignAsync(other, slug, third);
        Assert.Equal("rate: 3 from 203.0.113.70 in 1 minute", await FlagReasonAsync(third));
    }

    [Fact]
    public async Task A_rule_changed_in_the_admin_area_applies_to_the_next_signature()
    {
        await app.SetAbuseRulesAsync();
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom("203.0.113.80");
        var early = new[] { SignForm.UniqueEmail(), SignForm.UniqueEmail() };
        foreach (var email in early)
            await SignAsync(browser, slug, email);

        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var saved = await ChangeRulesAsync(admin, new() { ["Input.BurstLimit"] = "2", ["Input.SustainedLimit"] = "50" });
        Assert.Equal("The rules are saved. They apply from the next signature.", saved.Text(".notice--success"));
        Assert.Equal("2", saved.Document.QuerySelector("#Input_BurstLimit")!.GetAttribute("value"));

        var next = SignForm.UniqueEmail();
        await SignAsync(browser, slug, next);

        foreach (var email in early)
            Assert.Null(await FlagReasonAsync(email));
        Assert.Equal("rate: 3 from 203.0.113.80 in 1 minute", await FlagReasonAsync(next));
    }

    [Fact]
    public async Task Rule_changes_are_audited_with_who_made_them_and_the_rules_before_and_after()
    {
        await app.SetAbuseRulesAsync(burstLimit: 5, burstWindow: TimeSpan.FromMinutes(1), sustainedLimit: 50, sustainedWindow: TimeSpan.FromHours(24),
            minimumFillTime: TimeSpan.FromSeconds(3));
        var adminEmail = await app.CreateStaffAsync(StaffRoles.Admin);
        using var admin = await SignedInAsync(adminEmail);

        await ChangeRulesAsync(admin, new() { ["Input.BurstLimit"] = "10", ["Input.BurstWindowSeconds"] = "120", ["Input.MinimumFillSeconds"] = "4" });

        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.RulesChanged && a.ActorEmail == adminEmail));
        Assert.Equal(
            "before: burst 5 in 1 minute, sustained 50 in 24 hours, minimum fill time 3 seconds; " +
            "after: burst 10 in 2 minutes, sustained 50 in 24 hours, minimum fill time 4 seconds",
            entry.Details);
        Assert.NotNull(entry.ActorId);
        Assert.True(entry.At > DateTimeOffset.UtcNow.AddMinutes(-1));
        var rules = await app.WithDbAsync(db => db.AbuseRules.SingleAsync());
        Assert.Equal((10, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(4)), (rules.BurstLimit, rules.BurstWindow, rules.MinimumFillTime));
    }

    [Fact]
    public async Task Adding_and_removing_list_entries_is_audited()
    {
        var adminEmail = await app.CreateStaffAsync(StaffRoles.Admin);
        using var admin = await SignedInAsync(adminEmail);

        var added = await AddToListAsync(admin, "Block", "EmailDomain", "audited.example", note: "Sign-up farm");
        Assert.Equal("Added email domain audited.example to the block list.", added.Text(".notice--success"));
        var row = added.Document.QuerySelectorAll("#block-list + p + table tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent == "audited.example");
        Assert.Contains("Sign-up farm", row.TextContent);
        Assert.Contains(adminEmail, row.TextContent);

        var removed = await admin.SubmitAsync(added, new Dictionary<string, string?>(), $"#{row.QuerySelector("form")!.Id}");
        Assert.Equal("Removed email domain audited.example from the block list.", removed.Text(".notice--success"));
        Assert.False(await app.WithDbAsync(db => db.AccessList.AnyAsync(e => e.Value == "audited.example")));

        var details = await app.WithDbAsync(db => db.AuditEntries
            .Where(a => a.Action == AuditActions.AccessListChanged && a.ActorEmail == adminEmail)
            .OrderBy(a => a.Id).Select(a => a.Details).ToListAsync());
        Assert.Equal(
        [
            "before: not listed; after: block list, email domain audited.example, note \"Sign-up farm\"",
            "before: block list, email domain audited.example, note \"Sign-up farm\"; after: removed",
        ], details);
    }

    public static TheoryData<string, string, string, string> BadRules => new()
    {
        { "Input.BurstLimit", "five", "Input_BurstLimit", "Enter the burst limit as a whole number of signatures, like 5." },
        { "Input.BurstLimit", "", "Input_BurstLimit", "Enter the burst limit as a whole number of signatures, like 5." },
        { "Input.BurstLimit", "0", "Input_BurstLimit", "The burst limit must be from 1 to 10,000 signatures." },
        { "Input.BurstWindowSeconds", "7200", "Input_BurstWindowSeconds", "The burst window must be from 1 to 3,600 seconds." },
        { "Input.SustainedLimit", "-3", "Input_SustainedLimit", "The sustained limit must be from 1 to 1,000,000 signatures." },
        { "Input.SustainedLimit", "4", "Input_SustainedLimit", "The sustained limit must be at least the burst limit." },
        { "Input.SustainedWindowMinutes", "1", "Input_SustainedWindowMinutes", "The sustained window must be longer than the burst window." },
        { "Input.SustainedWindowMinutes", "2.5", "Input_SustainedWindowMinutes", "Enter the sustained window as a whole number of minutes, like 1440." },
        { "Input.MinimumFillSeconds", "61", "Input_MinimumFillSeconds", "The minimum time to fill in the form must be from 0 to 60 seconds." },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task Bad_rule_input_gets_a_message_next_to_its_field_and_changes_nothing(string field, string value, string fieldId, string message)
    {
        await app.SetAbuseRulesAsync(burstLimit: 5, burstWindow: TimeSpan.FromMinutes(1), sustainedLimit: 50, sustainedWindow: TimeSpan.FromHours(24));
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await ChangeRulesAsync(admin, new() { [field] = value });

        Assert.Equal(HttpStatusCode.OK, page.FirstStatus);
        Assert.Equal($"Error: {message}", page.Text($"#{fieldId}-error"));
        Assert.Equal(message, page.Text($".error-summary a[href='#{fieldId}']"));
        Assert.Equal("true", page.Document.QuerySelector($"#{fieldId}")!.GetAttribute("aria-invalid"));
        Assert.Equal(value, page.Document.QuerySelector($"#{fieldId}")!.GetAttribute("value") ?? "");
        var rules = await app.WithDbAsync(db => db.AbuseRules.SingleAsync());
        Assert.Equal((5, 50), (rules.BurstLimit, rules.SustainedLimit));
    }

    public static TheoryData<string, string, string> BadEntries => new()
    {
        { "IpRange", "203.0.113.7/24", "203.0.113.7/24 is not the start of its range. Did you mean 203.0.113.0/24?" },
        { "IpRange", "203.0.113.0/33", "Enter an IP address like 203.0.113.7 or a range in CIDR form like 203.0.113.0/24." },
        { "IpRange", "300.1.2.3", "Enter an IP address like 203.0.113.7 or a range in CIDR form like 203.0.113.0/24." },
        { "IpRange", "10.1", "Enter an IP address like 203.0.113.7 or a range in CIDR form like 203.0.113.0/24." },
        { "IpRange", "0.0.0.0/0", "A range of /0 covers every address. Enter a narrower range." },
        { "IpRange", "", "Enter the address, range, domain or email address." },
        { "EmailDomain", "someone@example.org", "That is an email address. Enter only the part after the @, or choose Email address." },
        { "EmailDomain", "localhost", "Enter a domain like example.org." },
        { "EmailAddress", "not-an-address", "Enter an email address in the right format, like name@example.com." },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task A_bad_list_value_gets_a_message_next_to_the_field_and_adds_nothing(string kind, string value, string message)
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var before = await app.WithDbAsync(db => db.AccessList.CountAsync());

        var page = await AddToListAsync(admin, "Block", kind, value);

        Assert.Equal($"Error: {message}", page.Text("#Input_Value-error"));
        Assert.Equal(message, page.Text(".error-summary a[href='#Input_Value']"));
        Assert.Equal(kind, page.Document.QuerySelector("#Input_Kind option[selected]")!.GetAttribute("value"));
        Assert.Equal(before, await app.WithDbAsync(db => db.AccessList.CountAsync()));
    }

    [Fact]
    public async Task The_same_value_cannot_be_listed_twice_however_it_is_written()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        await AddToListAsync(admin, "Block", "IpRange", "203.0.113.99");

        var again = await AddToListAsync(admin, "Block", "IpRange", "203.0.113.99/32");

        Assert.Equal("Error: 203.0.113.99/32 is already on the block list.", again.Text("#Input_Value-error"));
        Assert.Equal(1, await app.WithDbAsync(db => db.AccessList.CountAsync(e => e.Value == "203.0.113.99/32")));
    }

    [Fact]
    public async Task A_repeat_signature_is_not_judged_again()
    {
        await app.SetAbuseRulesAsync();
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserFrom("203.0.113.90");
        var email = SignForm.UniqueEmail();
        await SignAsync(browser, slug, email);
        await ConfirmAsync(browser, email);

        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        await AddToListAsync(admin, "Block", "IpRange", "203.0.113.90");
        await SignAsync(browser, slug, email);

        Assert.Null(await FlagReasonAsync(email));
        Assert.Equal("1", await PublicCountAsync(browser, slug));
    }

    [Fact]
    public async Task Moderators_cannot_open_the_rules()
    {
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync("/admin/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync("/admin/rules/access-list/add")).StatusCode);
    }

    private Browser BrowserFrom(string ip)
    {
        var browser = app.Browser();
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return browser;
    }

    private async Task<Browser> SignedInAsync(string email)
    {
        var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync("/admin/login"),
            new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = PetitionsApp.StaffPassword });
        return browser;
    }

    // The supporter's side: whatever the rules decided, the usual page and the usual email.
    private async Task<Browser.WebPage> SignAsync(Browser browser, string slug, string email, Dictionary<string, string?>? form = null)
    {
        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), form ?? SignForm.Valid(email));
        Assert.Equal(HttpStatusCode.Redirect, page.FirstStatus);
        Assert.Equal("Check your email", page.Heading);
        Assert.StartsWith("Please confirm your signature", (await app.Inbox.WaitForAsync(email)).Subject);
        return page;
    }

    private async Task ConfirmAsync(Browser browser, string email)
    {
        var link = Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email, "Please confirm your signature"));
        var confirmed = await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string?>());
        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);
    }

    // The supporter confirms and is thanked as usual; the public count does not move.
    private async Task ConfirmsWithoutCountingAsync(Browser browser, string slug, string email)
    {
        var before = await PublicCountAsync(browser, slug);
        await ConfirmAsync(browser, email);
        Assert.Equal(before, await PublicCountAsync(browser, slug));
        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Equal(SignatureStatus.Confirmed, stored.Status);
        Assert.False(stored.IsCounted);
    }

    private static async Task<string> PublicCountAsync(Browser browser, string slug) =>
        (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong");

    private Task<string?> FlagReasonAsync(string email, string? slug = null) => app.WithDbAsync(db => db.Signatures
        .Where(s => s.Email == email && (slug == null || db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug)))
        .Select(s => s.FlagReason).SingleAsync());

    private async Task<Browser.WebPage> AddToListAsync(Browser admin, string list, string kind, string value, string? note = null) =>
        await admin.SubmitAsync(await admin.GetAsync("/admin/rules/access-list/add"), new Dictionary<string, string?>
        {
            ["Input.List"] = list, ["Input.Kind"] = kind, ["Input.Value"] = value, ["Input.Note"] = note,
        }, "main form");

    // The rules form as the page shows it, with the given fields changed.
    private static async Task<Browser.WebPage> ChangeRulesAsync(Browser admin, Dictionary<string, string?> changes)
    {
        var page = await admin.GetAsync("/admin/rules");
        var form = page.Document.QuerySelector("main form")!;
        var fields = form.QuerySelectorAll("input.input").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value"));
        foreach (var (name, value) in changes)
            fields[name] = value;
        return await admin.SubmitAsync(page, fields, "main form");
    }

    private async Task EarlierSignaturesAsync(string slug, string ip, int count, TimeSpan ago)
    {
        var petitionId = await app.PetitionIdAsync(slug);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var email = SignForm.UniqueEmail("earlier");
                db.Signatures.Add(Signature.Pending(petitionId, 1, new SignRequest
                {
                    Name = $"Earlier {i}", Email = email, Country = "GB", Consent = true, IpAddress = IPAddress.Parse(ip),
                }, email, DateTimeOffset.UtcNow - ago));
            }
            await db.SaveChangesAsync();
        });
    }
}
