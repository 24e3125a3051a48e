using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Petitions;

namespace Petitions.Web.Areas.Admin.Pages;

public sealed class IndexModel(PetitionAdminQueries queries) : PageModel
{
    public IReadOnlyList<PetitionAdminRow> Petitions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Petitions = await queries.ListAllAsync(cancellationToken);
}
