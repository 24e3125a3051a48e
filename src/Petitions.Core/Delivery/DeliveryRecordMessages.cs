namespace Petitions.Core.Delivery;

// What DeliveryRecords tells staff (a form's errors and notices), one DeliveryRecordMessages.*.resx
// a language beside this file, read through IStringLocalizer<DeliveryRecordMessages>.
public sealed class DeliveryRecordMessages;
