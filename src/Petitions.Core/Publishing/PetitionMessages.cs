namespace Petitions.Core.Publishing;

// The words Core writes for staff editing petitions: the form's validation messages and the
// notices after a change, in PetitionMessages.*.resx beside this file, read through
// IStringLocalizer<PetitionMessages> in the language of the request.
public sealed class PetitionMessages;
