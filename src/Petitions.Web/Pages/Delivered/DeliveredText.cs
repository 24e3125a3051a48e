namespace Petitions.Web.Pages.Delivered;

// The words of a delivered petition's panel and of the page on checking a delivery, one
// DeliveredText.*.resx a language beside this file; views reach it as D.
public sealed class DeliveredText;
