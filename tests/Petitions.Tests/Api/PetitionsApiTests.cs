using System.Net;
using System.Text.Json;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Api;

public sealed class PetitionsApiTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_list_gives_each_open_petition_with_its_count_target_deadline_and_address()
    {
        var slug = await A.Petition().Open().Titled("API petition").WithTarget(250).WithConfirmedSignatures(5).BuildAsync(app);
        var closed = await A.Petition().Closed().BuildAsync(app);
        using var browser = app.Browser();

        var response = await browser.Http.GetAsync("/api/petitions");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.DoesNotContain(items, p => p.GetProperty("slug").GetString() == closed);
        var item = Assert.Single(items, p => p.GetProperty("slug").GetString() == slug);
        Assert.Equal(["slug", "title", "url", "signatureCount", "target", "closesAt"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("API petition", item.GetProperty("title").GetString());
        Assert.Equal(new Uri(app.BaseAddress, $"/petitions/{slug}").ToString(), item.GetProperty("url").GetString());
        Assert.Equal(5, item.GetProperty("signatureCount").GetInt64());
        Assert.Equal(250, item.GetProperty("target").GetInt32());
        Assert.True(item.GetProperty("closesAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task One_petition_has_the_same_fields_and_more()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).BuildAsync(app);
        using var browser = app.Browser();

        using var json = JsonDocument.Parse(await browser.Http.GetStringAsync($"/api/petitions/{slug}"));

        var root = json.RootElement;
        Assert.Equal(slug, root.GetProperty("slug").GetString());
        Assert.Equal(2, root.GetProperty("signatureCount").GetInt64());
        Assert.True(root.GetProperty("isOpen").GetBoolean());
        Assert.Equal("The Minister for Rivers", root.GetProperty("recipientName").GetString());
        Assert.Equal(2, root.GetProperty("demands").GetArrayLength());
        foreach (var name in new[] { "url", "target", "closesAt", "title" })
            Assert.True(root.TryGetProperty(name, out _), $"missing {name}");
    }

    [Fact]
    public async Task An_unknown_slug_is_a_404_with_a_json_error()
    {
        using var browser = app.Browser();

        var response = await browser.Http.GetAsync("/api/petitions/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("no-such-thing", json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_draft_is_not_in_the_api()
    {
        var slug = await A.Petition().Draft().BuildAsync(app);
        using var browser = app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync($"/api/petitions/{slug}")).StatusCode);
    }
}
