using Petitions.BrowserTests.Infrastructure;

// Each test class gets its own app and database; classes run in parallel (as many at once as
// xunit.runner.json allows), tests in a class in turn.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass)]
// One browser for the whole run: starting Chromium costs more than most tests here.
[assembly: AssemblyFixture(typeof(Chromium))]
