using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Petitions.BrowserTests.Infrastructure;

// axe-core run inside the page as it stands, against the WCAG 2.2 AA success criteria (and the
// A and AA criteria of 2.0 and 2.1 that 2.2 keeps).
public static class Axe
{
    private static readonly List<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = Tags } });
        var violations = result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n    {n.Html}\n    {string.Join("\n    ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")).ToList();
        Assert.True(violations.Count == 0, $"axe found {violations.Count} violation(s) on {what} ({page.Url}):\n{string.Join("\n", violations)}");
    }

    // Every field a person can fill in has a name a screen reader reads out: a label, or failing
    // that an aria-label or aria-labelledby. axe checks this too; this says which field.
    public static async Task AssertEveryFieldIsLabelledAsync(IPage page, string what)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea')]
                .filter(f => f.type !== 'hidden' && !f.hidden)
                .filter(f => f.labels.length === 0 && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))
                .map(f => f.outerHTML)
            """);
        Assert.True(unlabelled.Length == 0, $"Fields without a label on {what}:\n{string.Join("\n", unlabelled)}");
    }
}
