namespace Petitions.Core.Import;

// The words Core writes for staff importing paper signatures: why a file is refused and what is
// wrong with a row, in ImportMessages.*.resx beside this file. A row's verdict is written in the
// language of the staff member who uploaded the file, and stored with the batch as it was shown.
public sealed class ImportMessages;
