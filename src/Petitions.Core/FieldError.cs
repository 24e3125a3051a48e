namespace Petitions.Core;

// One message about one form field ("" for the form as a whole), in the reader's language. Every
// feature's Invalid result carries a list of these, and the page copies them into ModelState.
public sealed record FieldError(string Field, string Message);
