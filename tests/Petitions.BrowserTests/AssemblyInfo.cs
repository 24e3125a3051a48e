using Petitions.BrowserTests.Infrastructure;

// Each test class gets its own app and database; classes run in parallel, tests in a class in turn.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass)]
// One browser for the whole run: starting Chromium costs more than most tests here.
[assembly: AssemblyFixture(typeof(Chromium))]
