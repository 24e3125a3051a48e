namespace Petitions.Core.Text;

// CSV injection. A spreadsheet opened by double-clicking a CSV takes a cell that begins with =, +,
// - or @ for a formula (tab and carriage return can start one too), and a formula can open links
// or, in old setups, run programs. OWASP's rule: put a single quote in front of such a cell. The
// spreadsheet then shows the text as typed and hides the quote; other CSV readers see the quote.
// Applied to every cell that holds what a signer typed, in every CSV the app writes, so the
// delivered list and the staff list agree line for line; the CSV writer still quotes the result
// as RFC 4180 asks.
public static class SpreadsheetCells
{
    public static string Defuse(string? typed) =>
        typed is { Length: > 0 } && typed[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + typed : typed ?? "";
}
