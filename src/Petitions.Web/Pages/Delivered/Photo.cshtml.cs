using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;

namespace Petitions.Web.Pages.Delivered;

// The delivery photo as stored: already re-encoded without metadata (DeliveryPhotoImage). Pages
// link it with its upload time in the address, so a replaced photo has a new address and this
// one may be cached for a day.
public sealed class PhotoModel(DeliveryRecords records) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (slug.Length > PetitionRules.SlugMaxLength)
            return NotFound();
        var photo = await records.PhotoAsync(slug, cancellationToken);
        if (photo is null)
            return NotFound();
        Response.Headers.CacheControl = "public, max-age=86400";
        return new FileContentResult(photo.Jpeg, "image/jpeg")
        {
            LastModified = photo.UploadedAt,
            EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{photo.UploadedAt.ToUnixTimeMilliseconds()}\""),
        };
    }
}
