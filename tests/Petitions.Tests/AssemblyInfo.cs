// Each test class gets its own app and database; classes run in parallel, tests in a class in turn.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass)]
