using Petitions.Bench;

// dotnet Petitions.Bench.dll seed    CONNECTION COUNT ADMIN_EMAIL ADMIN_PASSWORD   prints the petition id
// dotnet Petitions.Bench.dll explain CONNECTION PETITION_ID "name|query" ...     EXPLAIN ANALYZE of each list page
return args switch
{
    ["seed", var connection, var count, var email, var password] =>
        await Seeder.RunAsync(connection, int.Parse(count), email, password),
    ["explain", var connection, var petitionId, .. var scenarios] =>
        await Explainer.RunAsync(connection, int.Parse(petitionId), scenarios),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: seed CONNECTION COUNT ADMIN_EMAIL ADMIN_PASSWORD | explain CONNECTION PETITION_ID \"name|query\"...");
    return 2;
}
