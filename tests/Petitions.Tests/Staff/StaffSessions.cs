using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Staff;

// Signing staff in through the login page, and a copy of a session cookie, as someone who stole
// it would hold it: a second client that sends the cookie as it was, and keeps nothing new.
public static class StaffSessions
{
    public static Dictionary<string, string?> Login(string email, string password = PetitionsApp.StaffPassword) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    public static async Task<Browser.WebPage> SignInAsync(Browser browser, string email, string password = PetitionsApp.StaffPassword) =>
        await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email, password));

    // A browser whose requests come, as the app sees it, from this address: the test server is on
    // loopback, whose X-Forwarded-For the app trusts as it would a proxy's.
    public static Browser From(this Browser browser, string address)
    {
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return browser;
    }

    public static Task<string> IdOfAsync(PetitionsApp app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static CopiedCookie CopySessionCookie(Browser browser, Uri baseAddress)
    {
        var cookie = browser.SetCookieHeaders.Last(c => c.StartsWith("petitions.staff=", StringComparison.Ordinal)).Split(';')[0];
        Assert.NotEqual("petitions.staff=", cookie);
        return new CopiedCookie(baseAddress, cookie);
    }

    public sealed class CopiedCookie(Uri baseAddress, string cookie) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

        public async Task<HttpStatusCode> GetAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }

        public void Dispose() => _http.Dispose();
    }
}
