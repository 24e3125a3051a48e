using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;

namespace Petitions.Web.Pages;

public sealed class IndexModel(PetitionQueries queries) : PageModel
{
    public IReadOnlyList<PetitionSummary> Petitions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Petitions = await queries.ListOpenAsync(SiteLanguages.Current.Tag, cancellationToken);
}
