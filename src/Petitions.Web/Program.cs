using Petitions.Local.LocalPostgres;
using Petitions.Web.Cli;
using Petitions.Web.Hosting;

var command = CliCommand.Parse(args);
try
{
    var builder = WebApplication.CreateBuilder(command.HostArgs);
    await using var local = await builder.AddPetitionsAsync(serving: command.Verb is null);
    var app = builder.Build();
    app.UsePetitions();
    return await command.RunAsync(app, local);
}
catch (Exception ex) when (ex is LocalPostgresException or StartupRefusedException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

public partial class Program;
