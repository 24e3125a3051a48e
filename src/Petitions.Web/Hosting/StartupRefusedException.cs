namespace Petitions.Web.Hosting;

// A setting the app cannot run safely without, found before anything starts. Program prints the
// message alone, as one line on stderr, and exits with 1: the operator needs the setting's name,
// not a stack trace.
public sealed class StartupRefusedException(string message) : Exception(message);
