using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Petitions.Core.Languages;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Web.Areas.Admin.Pages;

namespace Petitions.Tests.Languages;

// Staff sign in, set up two-factor, invite colleagues and land on the staff home in the language
// their browser asks for; what Core says back to them speaks it too.
public sealed partial class StaffAccountLanguageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private Browser BrowserSpeaking(string acceptLanguage)
    {
        var browser = app.Browser();
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    private async Task<Browser> StaffSpeakingAsync(string role, string acceptLanguage)
    {
        var browser = await app.StaffBrowserAsync(role);
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    [Fact]
    public async Task A_Korean_browser_gets_the_login_page_and_its_errors_in_Korean()
    {
        using var browser = BrowserSpeaking("ko-KR,ko;q=0.9,en;q=0.5");

        var login = await browser.GetAsync("/admin/login");
        Assert.Equal("ko", login.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("로그인", login.Heading);
        Assert.StartsWith("로그인 – ", login.Document.Title);
        Assert.EndsWith(" 스태프", login.Document.Title);
        Assert.DoesNotContain("{0}", login.Text(".site-name"));
        Assert.Equal("이메일 주소", login.Text("label[for=Input_Email]"));
        Assert.Equal("비밀번호", login.Text("label[for=Input_Password]"));
        Assert.Equal("로그인", login.Text("main button[type=submit]"));

        var empty = await browser.SubmitAsync(login, new Dictionary<string, string?> { ["Input.Email"] = "", ["Input.Password"] = "" });
        Assert.Equal("문제가 있습니다", empty.Text("#error-summary-title"));
        Assert.Equal("이메일 주소를 입력하세요.", empty.Text(".error-summary li"));
        Assert.Equal("오류: 비밀번호를 입력하세요.", empty.Text("#Input_Password-error"));

        var refused = await browser.SubmitAsync(login, new Dictionary<string, string?> { ["Input.Email"] = "nobody@example.org", ["Input.Password"] = "not the password" });
        Assert.StartsWith("이메일 또는 비밀번호가 올바르지 않습니다.", refused.Text(".error-summary li"));
    }

    [Theory]
    [InlineData("ja-JP,ja;q=0.9", "ja", "ltr", "請願", "送信メール", "タイトル")]
    [InlineData("ar-EG,ar;q=0.9", "ar", "rtl", "العرائض", "البريد الصادر", "العنوان")]
    public async Task Signed_in_staff_see_the_staff_home_in_their_language(
        string acceptLanguage, string tag, string direction, string heading, string outboxTitle, string titleColumn)
    {
        using var staff = await StaffSpeakingAsync(StaffRoles.Admin, acceptLanguage);

        var home = await staff.GetAsync("/admin");

        Assert.Equal(tag, home.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, home.Document.DocumentElement.GetAttribute("dir"));
        Assert.Equal(heading, home.Heading);
        Assert.Equal(titleColumn, home.Text("main table thead th"));
        Assert.Equal(outboxTitle, home.Text("#outbox-title"));
        Assert.DoesNotContain("waiting to be sent", home.MainText);
        Assert.Matches(@"^\d+$", home.Text(".outbox__unsent"));
    }

    [Fact]
    public async Task A_Korean_admin_invites_in_Korean_and_the_invitation_goes_out_in_Korean()
    {
        using var admin = await StaffSpeakingAsync(StaffRoles.Admin, "ko");
        var staffPage = await admin.GetAsync("/admin/staff");
        Assert.Equal("스태프", staffPage.Heading);
        Assert.Equal("새 스태프 초대", staffPage.Text("#invite-title"));
        Assert.Equal("초대장 보내기", staffPage.Text("form[action*='handler=Invite'] button"));
        Assert.Contains("관리자", staffPage.Text("main table tbody"));

        var invalid = await admin.SubmitAsync(staffPage, new Dictionary<string, string?> { ["Input.Email"] = "not an address", ["Input.Role"] = StaffRoles.Moderator }, "form[action*='handler=Invite']");
        Assert.Equal("오류: 초대할 사람의 이메일 주소를 name@example.org 형식으로 입력하세요.", invalid.Text("#Input_Email-error"));

        var invited = $"korean-invitee-{Guid.NewGuid():N}@example.org";
        var sent = await admin.SubmitAsync(staffPage, new Dictionary<string, string?> { ["Input.Email"] = invited, ["Input.Role"] = StaffRoles.Moderator }, "form[action*='handler=Invite']");
        Assert.Equal($"{invited}(으)로 초대장을 보냈습니다.", sent.Text(".notice--success"));

        var mail = await app.Inbox.WaitForAsync(invited);
        Assert.Equal("청원 사이트 스태프로 초대되었습니다", mail.Subject);
        Assert.Contains("스태프(검토자)로 귀하를 초대했습니다", mail.Text);
        Assert.Contains("lang=\"ko\"", mail.Html);

        // The invitee's browser speaks Japanese: the page the link opens does too.
        var link = Regex.Match(mail.Text, @"https?://\S+accept-invitation\S+").Value;
        using var newcomer = BrowserSpeaking("ja");
        var join = await newcomer.GetAsync(link);
        Assert.Equal("スタッフに参加する", join.Heading);
        var mismatch = await newcomer.SubmitAsync(join, new Dictionary<string, string?> { ["Password"] = "a long enough password", ["Confirm"] = "something else entirely" });
        Assert.EndsWith("2 つのパスワードが一致しません。", mismatch.Text("#Confirm-error"));
        var joined = await newcomer.SubmitAsync(join, new Dictionary<string, string?> { ["Password"] = "a long enough password", ["Confirm"] = "a long enough password" });
        Assert.Equal("サインイン", joined.Heading);
        Assert.Equal("パスワードを設定しました。続けるにはサインインしてください。", joined.Text(".notice--success"));
    }

    [Fact]
    public async Task A_German_moderator_sets_up_two_factor_in_German()
    {
        using var staff = await StaffSpeakingAsync(StaffRoles.Moderator, "de-DE,de;q=0.9");

        var setup = await staff.GetAsync("/admin/account/two-factor");
        Assert.Equal("Zwei-Faktor-Anmeldung", setup.Heading);
        Assert.Equal("Zwei-Faktor-Anmeldung einschalten", setup.Text("form[action*='handler=Enable'] button"));
        Assert.Equal("Code aus Ihrer App", setup.Text("label[for=Code]"));
        Assert.Equal("QR-Code mit Ihrem Authenticator-Schlüssel", setup.Document.QuerySelector(".qr")!.GetAttribute("aria-label"));

        var wrong = await staff.SubmitAsync(setup, new Dictionary<string, string?> { ["Code"] = "000000" }, "form[action*='handler=Enable']");
        Assert.StartsWith("Dieser Code hat nicht funktioniert.", wrong.Text(".error-summary li"));

        var key = setup.Text("#authenticator-key");
        var enabled = await staff.SubmitAsync(wrong, new Dictionary<string, string?> { ["Code"] = Totp.Code(key) }, "form[action*='handler=Enable']");
        Assert.StartsWith("Die Zwei-Faktor-Anmeldung ist eingeschaltet.", enabled.Text(".notice--success"));
        Assert.Equal("Zwei-Faktor-Anmeldung ausschalten", enabled.Text("form[action*='handler=Disable'] button"));
    }

    [Theory]
    [InlineData("en", 1, "1 minute")]
    [InlineData("en", 12, "12 minutes")]
    [InlineData("ko", 12, "12분")]
    [InlineData("ar", 1, "دقيقة واحدة")]
    [InlineData("ar", 2, "دقيقتان")]
    [InlineData("ar", 5, "5 دقائق")]
    [InlineData("ar", 45, "45 دقيقة")]
    public void The_age_of_the_oldest_waiting_email_is_counted_in_the_staff_members_language(string language, int minutes, string expected)
    {
        var page = new IndexModel(null!, null!, app.Services.GetRequiredService<IStringLocalizer<StaffHomeText>>());
        using var _ = SiteLanguages.Use(language);

        Assert.Equal(expected, page.Age(TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(10)));
    }
}
