using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Staff;
using Petitions.Tests.BadInput;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Privacy;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Hardening;

// Every endpoint the app maps, sent every value of a corpus of awkward input in every field and
// query parameter it reads, as an anonymous visitor, a Moderator and an Admin: no answer may be a
// 5xx. The endpoints come from the running app's own EndpointDataSource (Razor Pages, the public
// and staff areas, and the minimal API and other mapped endpoints), so a new page is fuzzed
// without anyone remembering to add it here.
//
// How the fields are found, for each endpoint and each identity:
// - Route parameters are filled with the ids and slugs of seeded data (an open petition and a
//   delivered one, a signature, an import batch, an update, and real confirm, manage and
//   unsubscribe tokens), and separately with junk values.
// - A page is first fetched with GET. Each <form> on it is a target: its action, method and
//   enctype, and its input, select and textarea names with the values the page gave them
//   (checkboxes ticked), overlaid with known-valid values where a page needs them
//   (AdminFormsCorpus.ValidFields, the sign form). POST forms carry the page's antiforgery token,
//   so the handler itself runs rather than the antiforgery check.
// - The PageModel adds what no form shows: its [BindProperty] properties (flattened one level:
//   Input.Title) and the parameters of its OnGet/OnPost handlers, named handlers included
//   (?handler=Publish), posted with the session's antiforgery token.
// - A minimal API endpoint's query parameters are the simple-typed parameters of its delegate.
//
// Then one field at a time is given each corpus value, the others keeping their valid values, and
// each field is also sent missing and twice. A page that takes no POST is sent one anyway, every
// page is sent a PUT, a DELETE and a PATCH, and every route is sent junk in each parameter, by
// each method it takes. Requests run four at a time. Where an identity is refused a page (a
// redirect to sign in, or 403), only a few values are sent, into one field, since the handler
// never runs.
//
// The test has an app and a database of its own (IClassFixture), so destructive handlers (close,
// deliver, delete an export, send an update, withdraw, sign out) may run. Sign-out targets run
// last for each identity; the sign-out form every staff page carries is posted only from the
// sign-out page's own turn. After each endpoint the staff session is checked and, if a handler
// ended it (requiring two-factor of everyone, say), the policy is put back and a new staff member
// of the same role signs in; the output says when. No endpoint is excluded.
public sealed class EndpointFuzzTests(PetitionsApp app, ITestOutputHelper output) : IClassFixture<PetitionsApp>
{
    private const int Concurrency = 4;

    // Label, and the value as it goes on the wire (already percent-encoded), and as a multipart
    // part carries it.
    private sealed record Value(string Label, string Wire, string Raw)
    {
        public static Value Text(string label, string text) => new(label, Uri.EscapeDataString(text), text);
        public static Value Encoded(string label, string wire) => new(label, wire, wire);
    }

    private static readonly Value[] Corpus =
    [
        Value.Text("0001-01-01", "0001-01-01"),
        Value.Text("9999-12-31", "9999-12-31"),
        Value.Text("1970-01-01", "1970-01-01"),
        Value.Text("2026-02-30", "2026-02-30"),
        Value.Text("0", "0"),
        Value.Text("-1", "-1"),
        Value.Text("int.MaxValue", int.MaxValue.ToString()),
        Value.Text("long.MaxValue+1", "9223372036854775808"),
        Value.Text("1e309", "1e309"),
        Value.Text("NaN", "NaN"),
        Value.Text("café", "café"),
        Value.Text("北朝鮮", "北朝鮮"),
        Value.Text("Arabic", "عريضة الشعب"),
        Value.Text("emoji", "👩🏽‍💻🚀"),
        Value.Text("RTL override", "\u202Egnp.exe"),
        Value.Text("100 kB", new string('x', 100_000)),
        Value.Text("NUL", "a\0b"),
        Value.Text("CR LF", "a\r\nb"),
        Value.Text("tab", "\t"),
        Value.Encoded("bare %", "%"),
        Value.Encoded("%zz", "%zz"),
        Value.Encoded("%C3%28", "%C3%28"),
        Value.Encoded("lone surrogate", "%ED%A0%80"),
        Value.Text("text for a number", "abc"),
        Value.Text("number for a bool", "2"),
        Value.Text("empty", ""),
        Value.Text("markup", "<script>alert(1)</script>"),
    ];

    private static readonly Value[] Missing = [new("(missing)", "", "")];
    private static readonly Value Repeated = new("(repeated)", "", "");

    // Sent where the identity is refused the page, or for a second real filling of a route.
    private static readonly Value[] LightCorpus = [Corpus[0], Corpus[15], Corpus[20], Corpus[23]];

    private static readonly Value[] JunkRouteValues =
    [
        Value.Text("0", "0"), Value.Text("-1", "-1"), Value.Text("2147483648", "2147483648"),
        Value.Text("long.MaxValue+1", "9223372036854775808"), Value.Text("café", "café"), Value.Encoded("%zz", "%zz"),
        Value.Encoded("%C3%28", "%C3%28"), Value.Encoded("lone surrogate", "%ED%A0%80"), Value.Text("5,000 characters", new string('a', 5000)),
        Value.Encoded("..%2F..", "..%2F.."),
    ];

    private sealed record Seed(IReadOnlyDictionary<string, string[]> RouteValues);

    private sealed record MappedEndpoint(string Pattern, RoutePattern Route, string[] Methods, CompiledPageActionDescriptor? Page, MethodInfo? Handler)
    {
        public bool IsSignOut => Pattern.EndsWith("/logout", StringComparison.Ordinal);
    }

    private sealed record Target(string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Baseline, IReadOnlyCollection<string> Fields,
        bool Multipart, bool Light)
    {
        public string Key => $"{Method} {Url} [{string.Join(",", Fields.Order())}]";
    }

    private sealed class Session(string? role, Browser browser)
    {
        public string? Role => role;
        public Browser Browser { get; set; } = browser;
        public string Token { get; set; } = "";
        public string Name => role ?? "Anonymous";
    }

    private int _requests;
    private readonly ConcurrentQueue<string> _failures = new();

    [Fact]
    public async Task No_endpoint_answers_a_server_error_to_any_value_in_the_corpus()
    {
        var seed = await SeedAsync();
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.Page is not null && e.Pattern == "admin/petitions/{id:int}/edit");
        Assert.Contains(endpoints, e => e.Handler is not null && e.Pattern.StartsWith("api/petitions", StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();

        foreach (var role in new string?[] { null, StaffRoles.Moderator, StaffRoles.Admin })
        {
            var session = new Session(role, role is null ? app.Browser() : await app.StaffBrowserAsync(role));
            session.Token = await TokenAsync(session.Browser);
            var before = _requests;
            foreach (var endpoint in endpoints.OrderBy(e => e.IsSignOut).ThenBy(e => e.Pattern, StringComparer.Ordinal))
            {
                await FuzzEndpointAsync(session, endpoint, seed);
                if (role is not null && !endpoint.IsSignOut)
                    await KeepSignedInAsync(session, endpoint);
            }
            output.WriteLine($"{session.Name}: {_requests - before} requests");
            session.Browser.Dispose();
        }

        output.WriteLine($"{endpoints.Count} endpoints, {_requests} requests in {clock.Elapsed.TotalSeconds:0} s, {_failures.Count} server errors");
        Assert.True(_failures.IsEmpty, $"{_failures.Count} requests answered a server error:\n" + string.Join("\n", _failures.Distinct().Take(200)));
    }

    private async Task FuzzEndpointAsync(Session session, MappedEndpoint endpoint, Seed seed)
    {
        var urls = Fill(endpoint.Route, seed, junk: false).ToArray();
        // The route itself, with junk in one parameter at a time: GET, and POST where it takes one.
        var junkRequests = Fill(endpoint.Route, seed, junk: true)
            .SelectMany(u => endpoint.Methods.Select(m => (Method: m, Url: u.Url, Label: u.Label)))
            .ToArray();
        await Parallel.ForEachAsync(junkRequests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (r, _) =>
            await SendAsync(session, r.Method, r.Url, r.Method == "POST" ? [new("__RequestVerificationToken", session.Token)] : null, false,
                $"route {r.Label}"));

        // The first real filling gets the whole corpus; the others (the delivered petition, the
        // second bulk change) render differently but run the same handlers, so they get a few values.
        foreach (var (index, (url, _)) in urls.Index())
        {
            var targets = await TargetsAsync(session, endpoint, url);
            foreach (var target in targets)
                await FuzzTargetAsync(session, index == 0 ? target : target with { Light = true });
        }
    }

    private async Task FuzzTargetAsync(Session session, Target target)
    {
        var corpus = target.Light ? LightCorpus : Corpus;
        var requests = new List<(string Field, Value Value)> { ("(none)", Missing[0]) };
        // Refused (the handler never runs) or a second filling: a few values in one field.
        foreach (var field in target.Light ? target.Fields.Take(1) : target.Fields)
        {
            requests.AddRange(corpus.Select(v => (field, v)));
            if (!target.Light)
            {
                requests.Add((field, Missing[0]));
                requests.Add((field, Repeated));
            }
        }
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (r, _) =>
        {
            var fields = new List<KeyValuePair<string, string>>();
            var wire = new List<string>();
            foreach (var (key, value) in target.Baseline.Where(kv => kv.Key != r.Field))
            {
                fields.Add(new(key, value));
                wire.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}");
            }
            if (r.Field != "(none)" && r.Value != Missing[0])
            {
                if (r.Value == Repeated)
                {
                    var valid = target.Baseline.FirstOrDefault(kv => kv.Key == r.Field).Value ?? "1";
                    wire.Add($"{Uri.EscapeDataString(r.Field)}={Uri.EscapeDataString(valid)}");
                    wire.Add($"{Uri.EscapeDataString(r.Field)}=abc");
                    fields.Add(new(r.Field, valid));
                    fields.Add(new(r.Field, "abc"));
                }
                else
                {
                    wire.Add($"{Uri.EscapeDataString(r.Field)}={r.Value.Wire}");
                    fields.Add(new(r.Field, r.Value.Raw));
                }
            }
            var label = $"{r.Field}={r.Value.Label}";
            if (target.Method == "GET")
            {
                var separator = target.Url.Contains('?') ? "&" : "?";
                await SendAsync(session, "GET", wire.Count == 0 ? target.Url : target.Url + separator + string.Join("&", wire), null, false, label);
            }
            else if (target.Multipart)
            {
                await SendAsync(session, "POST", target.Url, fields, true, label);
            }
            else
            {
                await SendRawFormAsync(session, target.Method, target.Url, string.Join("&", wire), label);
            }
        });
    }

    private async Task SendRawFormAsync(Session session, string method, string url, string body, string label)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Raw(url))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        await SendAsync(session, request, label);
    }

    private async Task SendAsync(Session session, string method, string url, IReadOnlyList<KeyValuePair<string, string>>? form, bool multipart, string label)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Raw(url));
        if (form is not null && multipart)
        {
            var content = new MultipartFormDataContent();
            foreach (var (key, value) in form)
                content.Add(new StringContent(value, Encoding.UTF8), key);
            request.Content = content;
        }
        else if (form is not null)
        {
            request.Content = new StringContent(string.Join("&", form.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}")),
                Encoding.UTF8, "application/x-www-form-urlencoded");
        }
        await SendAsync(session, request, label);
    }

    private async Task SendAsync(Session session, HttpRequestMessage request, string label)
    {
        Interlocked.Increment(ref _requests);
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
        var shown = path.Length > 160 ? path[..160] + "…" : path;
        try
        {
            using var response = await session.Browser.Http.SendAsync(request);
            if ((int)response.StatusCode >= 500)
                _failures.Enqueue($"{session.Name} {request.Method} {shown} {label}: {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            _failures.Enqueue($"{session.Name} {request.Method} {shown} {label}: no answer ({ex.Message})");
        }
    }

    // Sent exactly as written: %zz and %C3%28 must reach the server as they are.
    private Uri Raw(string url) => new(app.BaseAddress + url.TrimStart('/'), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    private async Task<IReadOnlyList<Target>> TargetsAsync(Session session, MappedEndpoint endpoint, string url)
    {
        var targets = new List<Target>();
        if (endpoint.Page is null)
        {
            var queryNames = endpoint.Handler?.GetParameters()
                .Where(p => IsSimple(p.ParameterType) && endpoint.Route.GetParameter(p.Name!) is null && p.GetCustomAttribute<FromServicesAttribute>() is null)
                .Select(p => p.Name!).ToArray() ?? [];
            foreach (var method in endpoint.Methods)
                targets.Add(new Target(method, url, method == "POST" ? [new("__RequestVerificationToken", session.Token)] : [], queryNames, false, false));
            return targets;
        }

        using var response = await session.Browser.Http.GetAsync(Raw(url));
        Interlocked.Increment(ref _requests);
        if ((int)response.StatusCode >= 500)
            _failures.Enqueue($"{session.Name} GET {url} (the page itself): {(int)response.StatusCode}");
        var refused = response.StatusCode is HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/admin/login", StringComparison.Ordinal) == true);
        var html = response.Content.Headers.ContentType?.MediaType == "text/html" ? await response.Content.ReadAsStringAsync() : "";
        var document = new HtmlParser().ParseDocument(html);
        var pageUri = new Uri(app.BaseAddress, url);
        var token = document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value ?? session.Token;
        var path = pageUri.AbsolutePath;

        // The page's forms, each as the browser would send it.
        var formTargets = new List<Target>();
        foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form"))
        {
            var method = string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
            var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUri : new Uri(pageUri, form.GetAttribute("action")!);
            if (action.Host != pageUri.Host)
                continue;
            var fields = FormFields(form);
            var valid = KnownValid(action.AbsolutePath);
            var baseline = fields.Where(kv => !valid.ContainsKey(kv.Key)).Concat(valid).ToList();
            var extra = method == "POST" && action.AbsolutePath == path ? BoundNames(endpoint.Page, "Post", HandlerOf(action)) : [];
            var names = baseline.Select(kv => kv.Key).Concat(extra).Where(n => n != "__RequestVerificationToken").Distinct().ToArray();
            formTargets.Add(new Target(method, action.PathAndQuery, baseline, names,
                string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase), refused));
        }
        targets.AddRange(formTargets.Where(t => !(t.Url.EndsWith("/logout", StringComparison.Ordinal) && !endpoint.IsSignOut)));

        // The page's own GET, with what it binds from the query string.
        foreach (var handler in endpoint.Page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
        {
            var getUrl = handler.Name is null ? url : Append(url, $"handler={handler.Name}");
            var getForm = formTargets.FirstOrDefault(t => t.Method == "GET" && t.Url.Split('?')[0] == path);
            var names = BoundNames(endpoint.Page, "Get", handler.Name).Concat(getForm?.Fields ?? []).Distinct().ToArray();
            targets.Add(new Target("GET", getUrl, getForm?.Baseline ?? [], names, false, refused));
        }

        // A page that takes no POST still gets one, as a form pointed at it by mistake would; and
        // every page gets the methods no page here handles, with a valid token.
        if (!endpoint.Page.HandlerMethods.Any(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            targets.Add(new Target("POST", url, [new("__RequestVerificationToken", token)], [], false, refused));
        foreach (var method in new[] { "PUT", "DELETE", "PATCH" })
            targets.Add(new Target(method, url, [new("__RequestVerificationToken", token)], [], false, refused));

        // Handlers no form on this page posts to, with the session's antiforgery token.
        foreach (var handler in endpoint.Page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
        {
            var postUrl = handler.Name is null ? url : Append(url, $"handler={handler.Name}");
            if (formTargets.Any(t => t.Method == "POST" && new Uri(pageUri, t.Url).AbsolutePath == path && HandlerOf(new Uri(pageUri, t.Url)) == handler.Name))
                continue;
            targets.Add(new Target("POST", postUrl, [new("__RequestVerificationToken", token), .. KnownValid(path)],
                BoundNames(endpoint.Page, "Post", handler.Name).ToArray(), false, refused));
        }
        return targets.DistinctBy(t => t.Key).ToArray();
    }

    private static string Append(string url, string query) => url + (url.Contains('?') ? "&" : "?") + query;

    private static string? HandlerOf(Uri action) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(action.Query).TryGetValue("handler", out var handler) ? handler.ToString() : null;

    private static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (input.Type is "submit" or "button" or "image" or "file" or "reset")
                continue;
            if (input.Type == "radio" && !input.IsChecked && form.QuerySelector($"input[type=radio][name='{input.Name}']:checked") is not null)
                continue;
            if (input.Type == "radio" && fields.Any(kv => kv.Key == input.Name))
                continue;
            // Ticked, as a valid submission would have it; Razor adds a hidden "false" after each.
            fields.Add(new(input.Name!, input.Type == "checkbox" ? (string.IsNullOrEmpty(input.Value) ? "on" : input.Value) : input.Value));
        }
        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
            fields.Add(new(area.Name!, area.Value));
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
            fields.Add(new(select.Name!, select.Value ?? ""));
        return fields;
    }

    private static Dictionary<string, string> KnownValid(string path)
    {
        if (path.StartsWith("/petitions/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2)
            return SignForm.Valid(SignForm.UniqueEmail("fuzz")).ToDictionary(kv => kv.Key, kv => kv.Value!);
        if (path.EndsWith("/edit", StringComparison.Ordinal))
            return AdminFormsCorpus.ValidFields("/admin/petitions/new").Where(kv => kv.Key != "Input.Slug").ToDictionary();
        return AdminFormsCorpus.ValidFields(path);
    }

    // What the PageModel binds for a request of this method and handler: its bound properties
    // (those that support GET, for a GET), and the handler's parameters, complex ones flattened.
    private static IEnumerable<string> BoundNames(CompiledPageActionDescriptor page, string method, string? handlerName)
    {
        foreach (var property in page.BoundProperties.OfType<PageBoundPropertyDescriptor>())
        {
            var supportsGet = property.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet
                ?? page.HandlerTypeInfo.GetCustomAttribute<BindPropertiesAttribute>()?.SupportsGet ?? false;
            if (method == "Get" && !supportsGet)
                continue;
            var prefix = property.BindingInfo?.BinderModelName ?? property.Name;
            foreach (var name in Flatten(prefix, property.ParameterType))
                yield return name;
        }
        foreach (var handler in page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase) && h.Name == handlerName))
        {
            foreach (var parameter in handler.Parameters.Where(p => p.ParameterType != typeof(CancellationToken)))
            {
                foreach (var name in Flatten(parameter.BindingInfo?.BinderModelName ?? parameter.Name, parameter.ParameterType))
                    yield return name;
            }
        }
    }

    private static IEnumerable<string> Flatten(string prefix, Type type)
    {
        if (IsSimple(type) || typeof(IFormFile).IsAssignableFrom(type) || typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            return [prefix];
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .Select(p => $"{prefix}.{p.Name}");
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid);
    }

    private IReadOnlyList<MappedEndpoint> Endpoints()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var endpoints = new List<MappedEndpoint>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
            {
                var compiled = descriptor as CompiledPageActionDescriptor ?? loader.LoadAsync(descriptor, endpoint.Metadata).GetAwaiter().GetResult();
                endpoints.Add(new MappedEndpoint(pattern, endpoint.RoutePattern, ["GET", "POST"], compiled, null));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Where(m => m is "GET" or "POST").ToArray();
                endpoints.Add(new MappedEndpoint(pattern, endpoint.RoutePattern, methods is { Length: > 0 } ? methods : ["GET", "POST"], null,
                    endpoint.Metadata.GetMetadata<MethodInfo>()));
            }
        }
        return endpoints.DistinctBy(e => e.Pattern).ToArray();
    }

    // The route filled with real values (every combination of the seeded ones), or with junk in
    // one parameter at a time.
    private static IEnumerable<(string Url, string Label)> Fill(RoutePattern route, Seed seed, bool junk)
    {
        var parameters = route.Parameters.ToArray();
        string Real(RoutePatternParameterPart p, int index) => RealValues(route, p, seed)[index % RealValues(route, p, seed).Length];
        string Build(Func<RoutePatternParameterPart, string> value) => "/" + string.Join("/", route.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => value(parameter),
            _ => "",
        })))).TrimEnd('/');
        if (!junk)
        {
            var combinations = parameters.Length == 0 ? 1 : parameters.Max(p => RealValues(route, p, seed).Length);
            for (var i = 0; i < combinations; i++)
            {
                var url = Build(p => Real(p, i));
                yield return (url == "" ? "/" : url, "real");
            }
            yield break;
        }
        foreach (var parameter in parameters)
        {
            foreach (var value in JunkRouteValues)
                yield return (Build(p => p == parameter ? value.Wire : Real(p, 0)), $"{parameter.Name}={value.Label}");
        }
    }

    private static string[] RealValues(RoutePattern route, RoutePatternParameterPart parameter, Seed seed)
    {
        var raw = route.RawText!;
        var key = parameter.Name switch
        {
            "token" when raw.Contains("confirm") => "confirm-token",
            "token" when raw.Contains("manage") => "manage-token",
            "token" when raw.Contains("unsubscribe") => "unsubscribe-token",
            "id" when raw.StartsWith("/admin/signatures", StringComparison.Ordinal) || raw.StartsWith("admin/signatures", StringComparison.Ordinal) => "signature",
            "id" when raw.Contains("dev/mail") => "mail",
            var name => name,
        };
        return seed.RouteValues.TryGetValue(key, out var values) ? values : ["1"];
    }

    private async Task<Seed> SeedAsync()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2)
            .With(A.Signature("Ana Silva").Flagged(), A.Signature("Bo Chen").Invalidated()).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var signatureId = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == petitionId).Select(s => s.Id).FirstAsync());
        var batch = new Core.Import.ImportBatch(petitionId, "paper.csv", [], "test", DateTimeOffset.UtcNow);
        await app.WithDbAsync(async db => { db.ImportBatches.Add(batch); await db.SaveChangesAsync(); });
        var update = await AnUpdate.On(slug).Draft().BuildAsync(app);
        await AnUpdate.On(slug).BuildAsync(app);
        await Deliveries.FinishedExportAsync(app, petitionId, 2);
        var subscriber = await Subscriber.AddAsync(app, slug);
        var delivered = await Deliveries.DeliveredWithPhotoAndResponseAsync(app);

        // Real tokens from real emails: one signature left pending to confirm, one confirmed to manage.
        var pendingEmail = SignForm.UniqueEmail("fuzz-pending");
        using (var browser = app.Browser())
            await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(pendingEmail));
        var confirmToken = Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(pendingEmail, "Please confirm")).Split('/')[^1];
        var manageToken = (await PrivacyJourney.SignAndConfirmAsync(app, slug, SignForm.UniqueEmail("fuzz-manage"))).Split('/')[^1];

        return new Seed(new Dictionary<string, string[]>
        {
            ["slug"] = [slug, delivered],
            ["id"] = [petitionId.ToString()],
            ["signature"] = [signatureId.ToString()],
            ["mail"] = ["1"],
            ["batchId"] = [batch.Id.ToString()],
            ["updateId"] = [update.ToString()],
            ["change"] = ["invalidate", "restore"],
            ["language"] = ["ko"],
            ["tag"] = ["de"],
            ["code"] = ["404", "400"],
            ["documentName"] = ["v1"],
            ["confirm-token"] = [confirmToken],
            ["manage-token"] = [manageToken],
            ["unsubscribe-token"] = [subscriber.Token],
        });
    }

    private async Task<string> TokenAsync(Browser browser)
    {
        foreach (var url in new[] { "/admin/login", "/admin/staff", "/admin/account/two-factor" })
        {
            var page = await browser.GetAsync(url);
            if (page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]") is { } token)
                return token.Value;
        }
        throw new InvalidOperationException("No page gave this session an antiforgery token.");
    }

    // A handler may end the staff session: requiring two-factor of everyone, or signing out. The
    // rest of the run needs a signed-in staff member, so the policy is put back and a new one signs in.
    private async Task KeepSignedInAsync(Session session, MappedEndpoint endpoint)
    {
        using var response = await session.Browser.Http.GetAsync("/admin");
        if (response.StatusCode == HttpStatusCode.OK)
            return;
        output.WriteLine($"{session.Name}: signed in again after {endpoint.Pattern} ({(int)response.StatusCode} from /admin)");
        await app.WithDbAsync(async db =>
        {
            var policy = await db.StaffPolicy.SingleAsync();
            policy.RequireTwoFactorForAll(false);
            await db.SaveChangesAsync();
        });
        session.Browser.Dispose();
        session.Browser = await app.StaffBrowserAsync(session.Role!);
        session.Token = await TokenAsync(session.Browser);
    }
}
