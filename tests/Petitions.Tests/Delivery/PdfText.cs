using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Petitions.Tests.Delivery;

// Reads a PDF back as a person reads it: page by page, line by line, cell by cell. Cells are runs
// of letters on one baseline with no wide gap between them.
public static class PdfText
{
    public static IReadOnlyList<IReadOnlyList<string>> Rows(Page page)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var line in page.Letters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 0)).OrderByDescending(g => g.Key))
        {
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            double? lastEnd = null;
            foreach (var letter in line.OrderBy(l => l.StartBaseLine.X))
            {
                if (lastEnd is { } end && letter.StartBaseLine.X - end > 3.5)
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                cell.Append(letter.Value);
                lastEnd = letter.EndBaseLine.X;
            }
            cells.Add(cell.ToString());
            rows.Add(cells);
        }
        return rows;
    }

    public static string Text(Page page) => string.Join("\n", Rows(page).Select(r => string.Join(" | ", r)));

    // The rows of the signer list on a page: those whose first cell is a signature number.
    public static IEnumerable<IReadOnlyList<string>> ListRows(Page page) =>
        Rows(page).Where(r => r.Count >= 2 && long.TryParse(r[0].Replace(",", ""), out _));

    public static PdfDocument Open(string path) => PdfDocument.Open(path);
}
