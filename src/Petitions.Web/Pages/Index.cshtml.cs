using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Petitions;
using Petitions.Core.Languages;

namespace Petitions.Web.Pages;

public sealed class IndexModel(PetitionQueries queries) : PageModel
{
    public IReadOnlyList<PetitionSummary> Petitions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Petitions = await queries.ListOpenAsync(SiteLanguages.Current.Tag, cancellationToken);
}
