using System.Security.Claims;
using Petitions.Core.Audit;

namespace Petitions.Web.Staff;

public static class ActorExtensions
{
    // The signed-in staff member, for the audit log.
    public static Actor Actor(this HttpContext http) => new(
        http.User.FindFirstValue(ClaimTypes.NameIdentifier),
        http.User.FindFirstValue(ClaimTypes.Email) ?? http.User.Identity?.Name ?? "anonymous",
        http.Connection.RemoteIpAddress);
}
