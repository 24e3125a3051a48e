using System.Globalization;
using Petitions.Core.Audit;
using Petitions.Core.Staff;

namespace Petitions.Web.Cli;

// `staff list`, `staff set-role`, `staff deactivate`, `staff reactivate`: the Staff page's
// changes, for when no Admin can sign in. The same service decides, so the last active Admin is
// kept here too; the audit log records the command line as the actor.
public static class StaffCommands
{
    private const string Usage = """
        Usage: staff list
               staff set-role --email you@example.org --role Admin|Moderator
               staff deactivate --email you@example.org
               staff reactivate --email you@example.org
        """;

    private static readonly Actor CommandLine = new(null, "command line", null);

    public static async Task<int> RunAsync(WebApplication app, string? subverb)
    {
        // The command line speaks English, whatever the machine's language.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        await using var scope = app.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<StaffAccess>();
        var email = app.Configuration["email"]?.Trim();
        if (subverb == "list")
            return await ListAsync(scope.ServiceProvider.GetRequiredService<StaffAccounts>());
        if (subverb is not ("set-role" or "deactivate" or "reactivate") || string.IsNullOrEmpty(email)
            || (subverb == "set-role" && string.IsNullOrEmpty(app.Configuration["role"])))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (await access.IdOfAsync(email) is not { } id)
        {
            Console.Error.WriteLine($"There is no staff account for {email}.");
            return 1;
        }
        var result = subverb switch
        {
            "set-role" => await access.ChangeRoleAsync(id, RoleNamed(app.Configuration["role"]!), CommandLine, CancellationToken.None),
            "deactivate" => await access.DeactivateAsync(id, CommandLine, CancellationToken.None),
            _ => await access.ReactivateAsync(id, CommandLine, CancellationToken.None),
        };
        return Report(result);
    }

    // A change's outcome as a verb reports it: its message on stdout and 0, or each reason on
    // stderr and 1.
    public static int Report(StaffResult result)
    {
        switch (result)
        {
            case StaffResult.Done done:
                Console.WriteLine(done.Message);
                return 0;
            case StaffResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                    Console.Error.WriteLine(error.Message);
                return 1;
            default:
                return 1;
        }
    }

    // "admin" or "ADMIN" is what was meant; anything else is left for the service to refuse.
    private static string RoleNamed(string role) =>
        StaffRoles.All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase)) ?? role;

    private static async Task<int> ListAsync(StaffAccounts accounts)
    {
        foreach (var member in await accounts.ListAsync(CancellationToken.None))
        {
            var state = member.Deactivated ? "deactivated"
                : member.Invited ? "invited"
                : member.LockedUntil is { } until ? $"locked until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
                : "active";
            Console.WriteLine($"{member.Email}\t{string.Join(",", member.Roles)}\t{state}\ttwo-factor {(member.TwoFactorEnabled ? "on" : "off")}");
        }
        return 0;
    }
}
