using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Core.Email;
using Petitions.Core.Publishing;

namespace Petitions.Web.Areas.Admin.Pages;

public sealed class IndexModel(PetitionAdminQueries queries, OutboxStatusQuery outbox, IStringLocalizer<StaffHomeText> text) : PageModel
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
    public string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => Count((int)age.TotalSeconds, text["Home.Age.Second.One"], text["Home.Age.Second.Two"], text["Home.Age.Second.Few"], text["Home.Age.Second.Other"]),
        { TotalHours: < 1 } => Count((int)age.TotalMinutes, text["Home.Age.Minute.One"], text["Home.Age.Minute.Two"], text["Home.Age.Minute.Few"], text["Home.Age.Minute.Other"]),
        { TotalDays: < 2 } => Count((int)age.TotalHours, text["Home.Age.Hour.One"], text["Home.Age.Hour.Two"], text["Home.Age.Hour.Few"], text["Home.Age.Hour.Other"]),
        _ => Count((int)age.TotalDays, text["Home.Age.Day.One"], text["Home.Age.Day.Two"], text["Home.Age.Day.Few"], text["Home.Age.Day.Other"]),
    };

    // The forms Arabic counts with (one, two, three to ten, the rest); the other languages the
    // site speaks need at most one and the rest, and say the same for two and few as for the rest.
    private static string Count(int n, string one, string two, string few, string other) =>
        n == 1 ? one
        : n == 2 ? two
        : string.Format(CultureInfo.CurrentCulture, n % 100 is >= 3 and <= 10 ? few : other, n.ToString("N0", CultureInfo.CurrentCulture));
}
