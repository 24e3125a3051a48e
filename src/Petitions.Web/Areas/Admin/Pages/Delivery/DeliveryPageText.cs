namespace Petitions.Web.Areas.Admin.Pages.Delivery;

// The words of the delivery pages, one DeliveryPageText.*.resx a language beside this file: T in
// the views, text in the page models.
public sealed class DeliveryPageText;
