namespace Petitions.Core.Updates;

// Marker for UpdateMessages.resx: the update emails and the messages of the staff's update pages.
public sealed class UpdateMessages;
