namespace Petitions.Core.Delivery;

// What the delivery services tell staff (a form's errors), one DeliveryMessages.*.resx a language
// beside this file, read through IStringLocalizer<DeliveryMessages> in the request's language.
// The delivered pack itself is written for its recipient and is not translated.
public sealed class DeliveryMessages;
