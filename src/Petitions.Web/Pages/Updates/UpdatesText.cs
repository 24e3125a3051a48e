namespace Petitions.Web.Pages.Updates;

// The words of the public side of updates (the unsubscribe page, the petition page's timeline,
// the Atom feed), one UpdatesText.*.resx a language beside this file: U in the views, words in
// the page models.
public sealed class UpdatesText;
