namespace Petitions.Core.Privacy;

// The words for a signature's consent history in the signer's copy of their data (AccessCopy),
// one ConsentHistoryText.*.resx a language beside this file.
public sealed class ConsentHistoryText;
