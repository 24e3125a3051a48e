using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Petitions.Tests.Infrastructure;

// An HTTP client that behaves like a browser without JavaScript: it keeps cookies, reads pages,
// and submits forms with their hidden fields (the antiforgery token among them).
public sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly LoopbackCookies _cookies = new() { InnerHandler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false } };
    private readonly HttpClient _http;

    public Browser(Uri baseAddress) => _http = new HttpClient(_cookies) { BaseAddress = baseAddress };

    // Every Set-Cookie header the app has sent this browser, redirects included.
    public IReadOnlyList<string> SetCookieHeaders => _cookies.Seen.ToArray();

    public HttpClient Http => _http;

    public async Task<WebPage> GetAsync(string url)
    {
        var response = await _http.GetAsync(url);
        return await WebPage.ReadAsync(response, await FollowAsync(response));
    }

    // Fills in the named fields, keeps every other field the form already holds (hidden ones
    // included), and posts it to the form's action. Redirects are followed like a browser does.
    public async Task<WebPage> SubmitAsync(WebPage page, IDictionary<string, string?> fields, string formSelector = "form")
    {
        // Forms in the page's main content: the header holds a sign-out form on staff pages.
        var form = (page.Document.QuerySelector("main") ?? page.Document.DocumentElement).QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}:\n{page.Html[..Math.Min(page.Html.Length, 2000)]}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            if (!fields.ContainsKey(input.Name!))
                values.Add(new(input.Name!, input.Value));
        }
        foreach (var (name, value) in fields)
        {
            if (value is not null)
                values.Add(new(name, value));
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : new Uri(page.Url, form.GetAttribute("action")!);
        var response = await _http.PostAsync(action, new FormUrlEncodedContent(values));
        return await WebPage.ReadAsync(response, await FollowAsync(response));
    }

    // Submits a multipart form with one file chosen, as a browser uploads a file.
    public async Task<WebPage> UploadAsync(WebPage page, string formSelector, string fileField, string fileName, byte[] content, string contentType = "text/csv")
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}.");
        using var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
            body.Add(new StringContent(input.Value), input.Name!);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        body.Add(file, fileField, fileName);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : new Uri(page.Url, form.GetAttribute("action")!);
        var response = await _http.PostAsync(action, body);
        return await WebPage.ReadAsync(response, await FollowAsync(response));
    }

    // Posts to any address with the antiforgery token of a page already open, as a second tab or
    // a replayed request would.
    public async Task<WebPage> PostWithTokenOfAsync(WebPage page, string url, IDictionary<string, string?>? fields = null)
    {
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {page.Url}.");
        var values = (fields ?? new Dictionary<string, string?>())
            .Where(kv => kv.Value is not null)
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))
            .Append(new("__RequestVerificationToken", token));
        var response = await _http.PostAsync(url, new FormUrlEncodedContent(values));
        return await WebPage.ReadAsync(response, await FollowAsync(response));
    }

    // Posts a body exactly as given (raw bytes, odd content types), following redirects.
    public async Task<WebPage> PostAsync(string url, HttpContent content)
    {
        var response = await _http.PostAsync(url, content);
        return await WebPage.ReadAsync(response, await FollowAsync(response));
    }

    // The hidden fields of a page's form (antiforgery token, timestamps), to build a body by hand.
    public static IReadOnlyList<KeyValuePair<string, string>> HiddenFields(WebPage page, string formSelector = "form") =>
        ((page.Document.QuerySelector("main") ?? page.Document.DocumentElement).QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}."))
        .QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
        .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
        .ToArray();

    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> values) =>
        await _http.PostAsync(url, new FormUrlEncodedContent(values));

    private async Task<HttpResponseMessage?> FollowAsync(HttpResponseMessage response)
    {
        HttpResponseMessage? final = null;
        for (var hops = 0; hops < 5 && (int)response.StatusCode is >= 300 and < 400; hops++)
        {
            var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response = await _http.GetAsync(location);
            final = response;
        }
        return final;
    }

    public void Dispose() => _http.Dispose();

    // The app marks its cookies Secure, and the test server is plain http on 127.0.0.1.
    // Browsers treat loopback addresses as a secure context and send Secure cookies there;
    // HttpClient's cookie handling does not, so this keeps the cookies as a browser would.
    private sealed class LoopbackCookies : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        public System.Collections.Concurrent.ConcurrentQueue<string> Seen { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = AsSecureContext(request.RequestUri!);
            var header = _cookies.GetCookieHeader(uri);
            if (header.Length > 0)
                request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    Seen.Enqueue(setCookie);
                    _cookies.SetCookies(uri, setCookie);
                }
            }
            return response;
        }

        private static Uri AsSecureContext(Uri uri) =>
            uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost")
                ? new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = uri.Port }.Uri
                : uri;
    }

    public sealed record WebPage(HttpStatusCode Status, Uri Url, string Html, IDocument Document, HttpStatusCode FirstStatus)
    {
        public static async Task<WebPage> ReadAsync(HttpResponseMessage first, HttpResponseMessage? followed)
        {
            var response = followed ?? first;
            var html = await response.Content.ReadAsStringAsync();
            return new WebPage(response.StatusCode, response.RequestMessage!.RequestUri!, html, await Parser.ParseDocumentAsync(html), first.StatusCode);
        }

        public string Heading => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";
        public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? "";
        public bool Has(string selector) => Document.QuerySelector(selector) is not null;
        public string MainText => Document.QuerySelector("main")?.TextContent ?? "";
    }
}
