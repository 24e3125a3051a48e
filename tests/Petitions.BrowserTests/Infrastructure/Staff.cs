using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Infrastructure;

public static partial class Staff
{
    // A staff member who has already turned on two-factor sign-in; the key is what their
    // authenticator app holds.
    public static async Task<(string Email, string Key)> WithTwoFactorAsync(PetitionsApp app, string role)
    {
        var email = await app.CreateStaffAsync(role);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (email, (await users.GetAuthenticatorKeyAsync(user))!);
    }

    // Signs in through the login page, and the code page when the account has a key, as staff do.
    public static async Task SignInAsync(IPage page, string email, string? key = null)
    {
        await page.GotoAsync("/admin/login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(PetitionsApp.StaffPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        if (key is not null)
        {
            await Expect(page).ToHaveURLAsync(TwoFactorPage());
            await page.Locator("#Code").FillAsync(Totp.Code(key));
            await page.Locator("main button[type=submit]").ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(Landing());
    }

    // A new Admin, signed in with a password only.
    public static async Task<string> SignInAsAdminAsync(PetitionsApp app, IPage page)
    {
        var email = await app.CreateStaffAsync(StaffRoles.Admin);
        await SignInAsync(page, email);
        return email;
    }

    [GeneratedRegex(@"/admin/login/two-factor")]
    private static partial Regex TwoFactorPage();

    [GeneratedRegex(@"/admin$")]
    private static partial Regex Landing();
}
