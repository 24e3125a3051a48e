using Microsoft.AspNetCore.Hosting.Server.Features;
using Petitions.Core.Email;
using Petitions.Core.Publishing;
using Petitions.Core.Staff;
using Petitions.Local;
using Petitions.Local.Demo;
using Petitions.Web.Hosting;

namespace Petitions.Web.Cli;

internal static class StartupBanner
{
    public static void Print(WebApplication app, LocalServices local, string? newDevelopmentAdminPassword)
    {
        var links = app.Services.GetRequiredService<IPublicLinks>();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
        var lines = new List<string> { "", $"Petitions is running at {address}" };
        if (local.IsZeroConfiguration)
            lines.Add($"  Demo petition:  {links.Petition(DemoPetition.Slug)}");
        if (local.Mail is not null)
            lines.Add(app.Environment.IsDevelopment()
                ? $"  Captured email: {address.TrimEnd('/')}/dev/mail  (no SMTP server is configured; mail stays in this process)"
                : "  No SMTP server is configured: email is captured in this process and not delivered. Set Smtp__Host.");
        if (local.IsZeroConfiguration)
            lines.Add(newDevelopmentAdminPassword is null
                ? $"  Staff sign-in:  {address.TrimEnd('/')}/admin  as {StaffAccounts.DevelopmentAdminEmail} (its password was shown when it was made; reset it with create-admin)"
                : $"  Staff sign-in:  {address.TrimEnd('/')}/admin  as {StaffAccounts.DevelopmentAdminEmail} with password {newDevelopmentAdminPassword}  (shown once)");
        if (local.Database is not null)
            lines.Add($"  Database:       {local.Database.DataDirectory}  (psql: {local.Database.PsqlCommand})");
        lines.Add("Press Ctrl+C to stop.");
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
