using System.Globalization;
using Microsoft.Extensions.Localization;
using Petitions.Core.Updates;

namespace Petitions.Web.Areas.Admin.Pages.Updates;

// The words of the update pages, one UpdatesPageText.*.resx a language beside this file: T in the
// views, text in the page models.
public sealed class UpdatesPageText
{
    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Status(IStringLocalizer<UpdatesPageText> text, UpdateStatus status) => status switch
    {
        UpdateStatus.Draft => text["Status.Draft"],
        UpdateStatus.Sending => text["Status.Sending"],
        UpdateStatus.Sent => text["Status.Sent"],
        _ => text["Status.Cancelled"],
    };

    public static string Audience(IStringLocalizer<UpdatesPageText> text, UpdateAudience audience) => audience switch
    {
        UpdateAudience.Subscribers => text["Audience.Subscribers"],
        UpdateAudience.DeliveredNotice => text["Audience.Delivered"],
        _ => text["Audience.Response"],
    };

    // "1 person" / "2,000 people", in the reader's plural forms.
    public static string People(IStringLocalizer<UpdatesPageText> text, long count) =>
        count == 1 ? text["People.One"] : text["People.Other", Number(count)];
}
