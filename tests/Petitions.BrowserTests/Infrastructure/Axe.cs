using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Petitions.BrowserTests.Infrastructure;

// axe-core run inside the page as it stands, against the WCAG 2.2 AA success criteria (and the
// A and AA criteria of 2.0 and 2.1 that 2.2 keeps).
public static class Axe
{
    private static readonly List<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    // The axe-core that Deque.AxeCore.Playwright bundles, read once for the run.
    private static readonly string Source = new BundledAxeScriptProvider().GetScript();

    // Every rule of those criteria runs on every element; only the nodes of the rules that pass or
    // do not apply are left out of the answer, which the checks here never read.
    private static readonly string Options = JsonConvert.SerializeObject(new AxeRunOptions
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = Tags },
        ResultTypes = [ResultType.Violations],
    });

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await RunAsync(page);
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

    // axe.run in the page itself, with axe put into each of its frames first so that it looks into
    // them too. Deque's page.RunAxe() runs the same rules in parts and then puts the parts together
    // in a page of a new browser context, sending axe to the browser twice: for a check of our own
    // pages that isolation costs a renderer process and a second copy of axe per check, and gives
    // the same violations.
    public static async Task<AxeResult> RunAsync(IPage page)
    {
        foreach (var frame in page.Frames)
        {
            if (!await frame.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
                await frame.EvaluateAsync($"() => {{ {Source}\n}}");
        }
        var json = await page.EvaluateAsync<string>("async options => JSON.stringify(await axe.run(document, JSON.parse(options)))", Options);
        return new AxeResult(JObject.Parse(json));
    }
}
