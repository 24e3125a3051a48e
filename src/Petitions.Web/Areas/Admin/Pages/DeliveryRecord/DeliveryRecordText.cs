namespace Petitions.Web.Areas.Admin.Pages.DeliveryRecord;

// The words of the delivery record page, one DeliveryRecordText.*.resx a language beside this
// file: T in the view, text in the page model.
public sealed class DeliveryRecordText;
