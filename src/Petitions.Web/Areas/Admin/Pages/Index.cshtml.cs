using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Email;
using Petitions.Core.Petitions;

namespace Petitions.Web.Areas.Admin.Pages;

public sealed class IndexModel(PetitionAdminQueries queries, OutboxStatusQuery outbox) : PageModel
{
    public IReadOnlyList<PetitionAdminRow> Petitions { get; private set; } = [];

    // On the landing page so that a stuck mail server is noticed by whoever signs in next, not
    // by supporters who never get their confirmation link.
    public OutboxStatus Outbox { get; private set; } = new(0, null, 0, null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Petitions = await queries.ListAllAsync(cancellationToken);
        Outbox = await outbox.ReadAsync(cancellationToken);
    }

    // Rounded down to a unit staff read at a glance: "45 seconds", "12 minutes", "3 hours", "2 days".
    public static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => Count((int)age.TotalSeconds, "second"),
        { TotalHours: < 1 } => Count((int)age.TotalMinutes, "minute"),
        { TotalDays: < 2 } => Count((int)age.TotalHours, "hour"),
        _ => Count((int)age.TotalDays, "day"),
    };

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n:N0} {unit}s";
}
