using Petitions.Bench;

// dotnet Petitions.Bench.dll seed    CONNECTION COUNT ADMIN_EMAIL ADMIN_PASSWORD   prints the petition id
// dotnet Petitions.Bench.dll explain CONNECTION PETITION_ID "name|query" ...     EXPLAIN ANALYZE of each list page
// dotnet Petitions.Bench.dll pending CONNECTION SLUG COUNT TOKEN_FILE           pending signatures with known tokens
// dotnet Petitions.Bench.dll smtp-sink PORT COUNT_FILE [LOG_FILE]                counts mail, keeps none; until killed
// dotnet Petitions.Bench.dll update-seed CONNECTION SLUG COUNT                   a petition with COUNT subscribed signers
// dotnet Petitions.Bench.dll update-start CONNECTION SLUG TITLE                  an update to them, started; prints its id
// dotnet Petitions.Bench.dll smtp-probe PORT COUNT                               ms a message sent with MailKit
return args switch
{
    ["seed", var connection, var count, var email, var password] =>
        await Seeder.RunAsync(connection, int.Parse(count), email, password),
    ["explain", var connection, var petitionId, .. var scenarios] =>
        await Explainer.RunAsync(connection, int.Parse(petitionId), scenarios),
    ["pending", var connection, var slug, var count, var tokenFile] =>
        await PendingSeeder.RunAsync(connection, slug, int.Parse(count), tokenFile),
    ["smtp-sink", var port, var countFile] =>
        await SmtpSink.RunAsync(int.Parse(port), countFile),
    ["smtp-sink", var port, var countFile, var logFile] =>
        await SmtpSink.RunAsync(int.Parse(port), countFile, logFile),
    ["update-seed", var connection, var slug, var count] =>
        await UpdateSeeder.SeedAsync(connection, slug, int.Parse(count)),
    ["update-start", var connection, var slug, var title] =>
        await UpdateSeeder.StartAsync(connection, slug, title),
    ["smtp-probe", var port, var count] =>
        await SmtpProbe.RunAsync(int.Parse(port), int.Parse(count)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: seed CONNECTION COUNT ADMIN_EMAIL ADMIN_PASSWORD | explain CONNECTION PETITION_ID \"name|query\"... | pending CONNECTION SLUG COUNT TOKEN_FILE | smtp-sink PORT COUNT_FILE [LOG_FILE] | update-seed CONNECTION SLUG COUNT | update-start CONNECTION SLUG TITLE | smtp-probe PORT COUNT");
    return 2;
}
