using System.Net.Http.Json;
using System.Text.Json;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.PublicData;

public sealed class OpenApiDocumentTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_openapi_document_describes_the_read_endpoints_and_nothing_else()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["/api/petitions", "/api/petitions/{slug}"], paths);
        foreach (var path in paths)
            Assert.Equal(["get"], document.GetProperty("paths").GetProperty(path).EnumerateObject().Select(o => o.Name));
    }

    [Fact]
    public async Task The_petition_endpoint_is_described_with_its_statistics_and_recent_signers()
    {
        var document = await DocumentAsync();

        var get = document.GetProperty("paths").GetProperty("/api/petitions/{slug}").GetProperty("get");
        Assert.Equal("slug", get.GetProperty("parameters")[0].GetProperty("name").GetString());
        Assert.Equal("application/problem+json", get.GetProperty("responses").GetProperty("404").GetProperty("content").EnumerateObject().Single().Name);
        var petition = Resolve(document, get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var properties = petition.GetProperty("properties");
        foreach (var name in new[] { "slug", "title", "signatureCount", "isOpen", "demands", "statistics", "recentSigners" })
            Assert.True(properties.TryGetProperty(name, out _), $"missing {name}");

        var statistics = Resolve(document, properties.GetProperty("statistics")).GetProperty("properties");
        var country = Resolve(document, statistics.GetProperty("byCountry").GetProperty("items")).GetProperty("properties");
        Assert.Equal(["code", "name", "signatures"], country.EnumerateObject().Select(p => p.Name));
        var hour = Resolve(document, statistics.GetProperty("byHour").GetProperty("items")).GetProperty("properties");
        Assert.Equal("date-time", hour.GetProperty("hour").GetProperty("format").GetString());
        var signer = Resolve(document, properties.GetProperty("recentSigners").GetProperty("items")).GetProperty("properties");
        Assert.Equal(["name", "country", "countryName", "signedAt"], signer.EnumerateObject().Select(p => p.Name));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var browser = app.Browser();
        var response = await browser.Http.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
            return schema;
        var name = reference.GetString()!.Split('/')[^1];
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }
}
