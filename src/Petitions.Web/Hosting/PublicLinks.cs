using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Petitions.Core.Email;

namespace Petitions.Web.Hosting;

public sealed class PublicLinks(LinkGenerator links, IHttpContextAccessor http, IOptions<AppOptions> options, IServer server) : IPublicLinks
{
    public string Petition(string slug) => Absolute(links.GetPathByPage("/PetitionPage/Details", values: new { slug }));

    public string ConfirmSignature(string token) => Absolute(links.GetPathByPage("/Confirm", values: new { token }));

    public string AcceptStaffInvitation(string email, string token) =>
        Absolute(links.GetPathByPage("/Account/AcceptInvitation", values: new { area = "Admin", email, token }));

    public string ManageSignature(string token) => Absolute(links.GetPathByPage("/Signatures/Manage", values: new { token }));

    public string PrivacyNotice() => Absolute(links.GetPathByPage("/Privacy"));

    public string Unsubscribe(string token) => Absolute("/unsubscribe/" + Uri.EscapeDataString(token));

    public string UpdatesFeed(string slug) => Absolute("/petitions/" + Uri.EscapeDataString(slug) + "/updates.atom");

    private string Absolute(string? path) => BaseUrl().TrimEnd('/') + path;

    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
            return options.Value.BaseUrl;
        if (http.HttpContext?.Request is { } request)
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return address.Replace("://+", "://localhost").Replace("://*", "://localhost")
            .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
    }
}
