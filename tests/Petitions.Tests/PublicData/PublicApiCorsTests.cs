using System.Net;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.PublicData;

// Any site may read the public API from its visitors' browsers; no site may read or post to the
// pages, forms or staff area that way.
public sealed class PublicApiCorsTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const string OtherSite = "https://campaign.example.net";

    [Theory]
    [InlineData("/api/petitions")]
    [InlineData("/api/petitions/{slug}")]
    [InlineData("/openapi/v1.json")]
    public async Task Another_site_may_read_the_public_api_without_credentials(string path)
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(1).BuildAsync(app);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{slug}", slug));
        request.Headers.Add("Origin", OtherSite);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_preflight_for_the_api_allows_reading_and_nothing_else()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/petitions");
        request.Headers.Add("Origin", OtherSite);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        using var response = await http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var methods = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods"));
        Assert.Contains("GET", methods);
        Assert.DoesNotContain("POST", methods);
    }

    [Fact]
    public async Task The_petition_page_and_its_sign_form_are_not_shared_with_other_sites()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var page = await browser.GetAsync($"/petitions/{slug}");

        using var get = new HttpRequestMessage(HttpMethod.Get, $"/petitions/{slug}");
        get.Headers.Add("Origin", OtherSite);
        using var pageResponse = await browser.Http.SendAsync(get);
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/petitions/{slug}")
        {
            Content = new FormUrlEncodedContent(Browser.HiddenFields(page)
                .Concat(SignForm.Valid(SignForm.UniqueEmail("cors")).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value ?? "")))),
        };
        post.Headers.Add("Origin", OtherSite);
        using var postResponse = await browser.Http.SendAsync(post);

        Assert.False(pageResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(postResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_staff_sign_in_is_not_shared_with_other_sites()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        request.Headers.Add("Origin", OtherSite);
        using var response = await http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
