using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.BadInput;

// Requests no form would send: no token or a forged one, bodies of the wrong type or size,
// garbage in addresses. Each gets the status that says what was wrong, and a page or problem
// details that say it in words; none gets a 500, and none stores a signature.
public sealed class RequestShapeBadInputTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    public sealed record Context(string Slug, IReadOnlyList<KeyValuePair<string, string>> Hidden, string Token);

    // Heading: the h1 of the HTML page; Problem: the response is problem details with this status.
    public sealed record Expect(HttpStatusCode Status, string? Heading = null, bool Problem = false);

    public sealed record RequestCase(Func<Context, HttpRequestMessage> Request, Expect Expect);

    private const string PleaseTryAgain = "Please try again";
    private const string Unreadable = "We could not read that form";
    private const string TooMuch = "Too much to send";
    private const string NotFound = "Page not found";
    private const string UnknownLink = "We don’t recognise this link";

    private static readonly string ValidLookingToken = new('A', 43);

    public static readonly IReadOnlyDictionary<string, RequestCase> Cases = new Dictionary<string, RequestCase>
    {
        // Antiforgery.
        ["the sign form without its antiforgery token"] = new(c => Post(c, Form(c, withToken: false)), new(HttpStatusCode.BadRequest, PleaseTryAgain)),
        ["the sign form with a forged antiforgery token"] = new(c => Post(c, Form(c, withToken: false, ("__RequestVerificationToken", "CfDJ8forged" + new string('x', 100)))),
            new(HttpStatusCode.BadRequest, PleaseTryAgain)),
        ["the sign form with an empty antiforgery token"] = new(c => Post(c, Form(c, withToken: false, ("__RequestVerificationToken", ""))),
            new(HttpStatusCode.BadRequest, PleaseTryAgain)),
        ["the confirm button without an antiforgery token"] = new(c => new(HttpMethod.Post, $"/confirm/{ValidLookingToken}") { Content = Urlencoded("") },
            new(HttpStatusCode.BadRequest, PleaseTryAgain)),

        // Bodies of the wrong type.
        ["JSON posted to the sign form"] = new(c => Post(c, Json("""{"Input":{"Name":"Ada","Email":"ada@example.org","Consent":true}}""")),
            new(HttpStatusCode.UnsupportedMediaType, PleaseTryAgain)),
        ["JSON with a lone surrogate posted to the sign form"] = new(c => Post(c, Json("""{"Input":{"Name":"\ud800"}}""")),
            new(HttpStatusCode.UnsupportedMediaType, PleaseTryAgain)),
        ["text/plain posted to the sign form"] = new(c => Post(c, new StringContent("Input.Name=Ada", Encoding.UTF8, "text/plain")),
            new(HttpStatusCode.UnsupportedMediaType, PleaseTryAgain)),
        ["XML posted to the confirm button"] = new(c => new(HttpMethod.Post, $"/confirm/{ValidLookingToken}") { Content = new StringContent("<confirm/>", Encoding.UTF8, "application/xml") },
            new(HttpStatusCode.UnsupportedMediaType, PleaseTryAgain)),
        ["multipart with a garbage body posted to the sign form"] = new(c => Post(c, Multipart("--not-the-boundary\r\nrubbish\r\n")),
            new(HttpStatusCode.BadRequest, Unreadable)),
        ["multipart that ends in the middle of a part"] = new(c => Post(c, Multipart("--b\r\nContent-Disposition: form-data; name=\"Input.Name\"\r\n\r\nAda")),
            new(HttpStatusCode.BadRequest, Unreadable)),
        ["a POST with no body at all"] = new(c => new(HttpMethod.Post, $"/petitions/{c.Slug}"), new(HttpStatusCode.BadRequest, PleaseTryAgain)),

        // Bodies the form reader refuses.
        ["a urlencoded %00 in a field"] = new(c => Post(c, Urlencoded(Encoded(c) + "&Input.Name=Bob%00Smith")), new(HttpStatusCode.BadRequest, Unreadable)),
        ["a urlencoded %00 in a field name"] = new(c => Post(c, Urlencoded(Encoded(c) + "&In%00put.Name=Bob")), new(HttpStatusCode.BadRequest, Unreadable)),
        ["five thousand fields"] = new(c => Post(c, Urlencoded(Encoded(c) + string.Concat(Enumerable.Range(0, 5000).Select(i => $"&f{i}=x")))),
            new(HttpStatusCode.BadRequest, Unreadable)),
        ["a 1 MB body of one field name"] = new(c => Post(c, Urlencoded(new string('a', 1024 * 1024))), new(HttpStatusCode.BadRequest, Unreadable)),
        ["a 1 MB body of garbage bytes"] = new(c => Post(c, Urlencoded(Encoding.Latin1.GetString(Enumerable.Range(0, 1024 * 1024).Select(i => (byte)(i * 7 % 256)).ToArray()))),
            new(HttpStatusCode.BadRequest, Unreadable)),

        // Over the request size limit, with a good token: turned away before it is read.
        ["a 3 MB comment with a valid token"] = new(c => Oversized(c, Urlencoded(Encoded(c) + "&Input.Name=Ada&Input.Comment=" + new string('x', 3 * 1024 * 1024))),
            new(HttpStatusCode.RequestEntityTooLarge, TooMuch)),
        ["a 3 MB multipart upload to the sign form"] = new(c =>
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in c.Hidden)
                multipart.Add(new StringContent(value), key);
            multipart.Add(new ByteArrayContent(new byte[3 * 1024 * 1024]), "file", "big.bin");
            return Oversized(c, multipart);
        }, new(HttpStatusCode.RequestEntityTooLarge, TooMuch)),

        // Confirm tokens of the wrong shape.
        ["a confirm token that is too short"] = new(_ => Get("/confirm/abc"), new(HttpStatusCode.NotFound, UnknownLink)),
        ["a confirm token that is too long"] = new(_ => Get("/confirm/" + new string('A', 44)), new(HttpStatusCode.NotFound, UnknownLink)),
        ["a confirm token of 5,000 characters"] = new(_ => Get("/confirm/" + new string('A', 5000)), new(HttpStatusCode.NotFound, UnknownLink)),
        ["a confirm token with punctuation"] = new(_ => Get("/confirm/" + Uri.EscapeDataString(new string('A', 40) + "!'<")), new(HttpStatusCode.NotFound, UnknownLink)),
        ["a confirm token with a lone surrogate's bytes"] = new(_ => Get("/confirm/" + new string('A', 40) + "%ED%A0%80"), new(HttpStatusCode.NotFound, UnknownLink)),
        ["a confirm token of the right shape that was never issued"] = new(_ => Get("/confirm/" + ValidLookingToken), new(HttpStatusCode.NotFound, UnknownLink)),
        ["the confirm button for a token that is too short"] = new(c => new(HttpMethod.Post, "/confirm/abc") { Content = Urlencoded(Encoded(c)) },
            new(HttpStatusCode.NotFound, UnknownLink)),
        ["the confirm button for a token never issued"] = new(c => new(HttpMethod.Post, "/confirm/" + ValidLookingToken) { Content = Urlencoded(Encoded(c)) },
            new(HttpStatusCode.NotFound, UnknownLink)),
        ["the new-link button for a token with odd characters"] = new(c => new(HttpMethod.Post, "/confirm/" + new string('~', 43) + "?handler=NewLink") { Content = Urlencoded(Encoded(c)) },
            new(HttpStatusCode.NotFound, UnknownLink)),

        // Garbage in public addresses.
        ["a petition slug of 5,000 characters"] = new(_ => Get("/petitions/" + new string('a', 5000)), new(HttpStatusCode.NotFound, NotFound)),
        ["a petition slug with a lone surrogate's bytes"] = new(_ => Get("/petitions/a%ED%A0%80"), new(HttpStatusCode.NotFound, NotFound)),
        ["a petition slug with SQL in it"] = new(_ => Get("/petitions/" + Uri.EscapeDataString("x' OR 1=1 --")), new(HttpStatusCode.NotFound, NotFound)),
        // Kestrel refuses a NUL in the path itself, before the app sees the request: a bare 400.
        ["a petition slug with NUL"] = new(_ => Get("/petitions/a%00b"), new(HttpStatusCode.BadRequest, Heading: "")),
        ["a confirm token with NUL"] = new(_ => Get("/confirm/" + new string('A', 42) + "%00"), new(HttpStatusCode.BadRequest, Heading: "")),
        ["an API slug with NUL"] = new(_ => Get("/api/petitions/a%00b"), new(HttpStatusCode.BadRequest, Heading: "")),
        ["a petition slug with a control character"] = new(_ => Get("/petitions/a%1Bb"), new(HttpStatusCode.NotFound, NotFound)),

        // The API answers in problem details.
        ["an API slug of 5,000 characters"] = new(_ => Get("/api/petitions/" + new string('a', 5000)), new(HttpStatusCode.NotFound, Problem: true)),
        ["an API slug with a lone surrogate's bytes"] = new(_ => Get("/api/petitions/a%ED%A0%80"), new(HttpStatusCode.NotFound, Problem: true)),
        ["an API slug with a control character"] = new(_ => Get("/api/petitions/a%1Bb"), new(HttpStatusCode.NotFound, Problem: true)),
        ["a form posted to the API"] = new(c => new(HttpMethod.Post, "/api/petitions") { Content = Urlencoded("name=Ada") },
            new(HttpStatusCode.MethodNotAllowed, Problem: true)),
        ["JSON posted to a petition in the API"] = new(c => new(HttpMethod.Post, $"/api/petitions/{c.Slug}") { Content = Json("""{"name":"\ud800"}""") },
            new(HttpStatusCode.MethodNotAllowed, Problem: true)),
        ["an API address that does not exist"] = new(_ => Get("/api/signatures?page=99999999999999999999"), new(HttpStatusCode.NotFound, Problem: true)),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_malformed_request_gets_the_status_and_page_that_say_what_was_wrong(string request)
    {
        var @case = Cases[request];
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var page = await browser.GetAsync($"/petitions/{slug}");
        var hidden = Browser.HiddenFields(page);
        var context = new Context(slug, hidden, hidden.Single(kv => kv.Key == "__RequestVerificationToken").Value);

        using var response = await browser.Http.SendAsync(@case.Request(context));

        Assert.Equal(@case.Expect.Status, response.StatusCode);
        if (@case.Expect.Problem)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal((int)@case.Expect.Status, problem.RootElement.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        }
        else
        {
            var shown = await Browser.WebPage.ReadAsync(response, null);
            Assert.Equal(@case.Expect.Heading, shown.Heading);
        }
        Assert.Equal(0, await app.SignatureRowsAsync(slug));
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(Context c, HttpContent content) => new(HttpMethod.Post, $"/petitions/{c.Slug}") { Content = content };

    // Sent as curl and other clients send big uploads, asking first. The server answers 413 from
    // the length alone; without asking, the client may still be writing when the server has
    // answered and closed, and sees a broken pipe instead of the answer.
    private static HttpRequestMessage Oversized(Context c, HttpContent content)
    {
        var request = Post(c, content);
        request.Headers.ExpectContinue = true;
        return request;
    }

    // The hidden fields (token included unless left out), a valid signature, and any extra pairs.
    private static HttpContent Form(Context c, bool withToken, params (string Key, string Value)[] extra) =>
        new FormUrlEncodedContent(c.Hidden.Where(kv => withToken || kv.Key != "__RequestVerificationToken")
            .Concat(SignForm.Valid(SignForm.UniqueEmail()).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)))
            .Concat(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value))));

    private static string Encoded(Context c) =>
        string.Join("&", c.Hidden.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));

    private static HttpContent Urlencoded(string body)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    private static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private static HttpContent Multipart(string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return content;
    }
}
