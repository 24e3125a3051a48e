using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;
using Petitions.Local.Demo;

namespace Petitions.Web.Cli;

// The export and demo-data verbs. Both work on the database directly, without the web server
// or the export queue, so they can run from a deploy script or a benchmark.
public static class DeliveryCommands
{
    public static async Task<int> SeedSignaturesAsync(WebApplication app)
    {
        var slug = app.Configuration["petition"] ?? DemoPetition.Slug;
        if (!int.TryParse(app.Configuration["signatures"] ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Console.Error.WriteLine("Usage: seed-demo --petition SLUG --signatures N   (N a whole number)");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        DemoSignatures.Filled filled;
        try
        {
            filled = await scope.ServiceProvider.GetRequiredService<DemoSignatures>().FillAsync(slug, count, CancellationToken.None);
        }
        catch (InvalidOperationException refused)
        {
            Console.Error.WriteLine(refused.Message);
            return 1;
        }
        Console.WriteLine($"Added {filled.Added:N0} signatures to {filled.Slug} in {clock.Elapsed.TotalSeconds:0.0} s; it now counts {filled.Count:N0}.");
        return 0;
    }

    public static async Task<int> ExportAsync(WebApplication app)
    {
        var config = app.Configuration;
        var slug = config["petition"];
        var output = config["output"];
        var format = config["format"]?.ToLowerInvariant() switch
        {
            "pdf" => ExportFormats.Pdf,
            "csv" => ExportFormats.Csv,
            "staff-csv" => ExportFormats.StaffCsv,
            _ => ExportFormats.None,
        };
        var volumeSize = app.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value.VolumeSize;
        if (config["volume-size"] is { } size && !int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out volumeSize))
            volumeSize = 0;
        if (string.IsNullOrWhiteSpace(slug) || string.IsNullOrWhiteSpace(output) || format == ExportFormats.None
            || volumeSize is < DeliveryRules.MinVolumeSize or > DeliveryRules.MaxVolumeSize)
        {
            Console.Error.WriteLine("Usage: export --petition SLUG --format pdf|csv|staff-csv --output PATH [--volume-size N]");
            Console.Error.WriteLine($"  PATH is a file, or an existing directory to write into; N is from {DeliveryRules.MinVolumeSize:N0} to {DeliveryRules.MaxVolumeSize:N0}.");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var petitionId = await db.Petitions.Where(p => p.Slug == slug).Select(p => (int?)p.Id).SingleOrDefaultAsync();
        if (petitionId is null)
        {
            Console.Error.WriteLine($"There is no petition at {slug}.");
            return 1;
        }

        var intoDirectory = Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar);
        var written = new List<string>();
        Stream Create(string name)
        {
            var path = intoDirectory ? Path.Combine(output, name) : PathFor(output, name);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            written.Add(path);
            return ExportFiles.Create(path, FileMode.Create);
        }

        var lastStage = "";
        var clock = Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<DeliveryExporter>().ExportAsync(petitionId.Value, format, volumeSize, Create,
            progress =>
            {
                if (progress.InEnglish != lastStage)
                    Console.Error.WriteLine($"{progress.InEnglish}: {progress.Total:N0} signatures");
                lastStage = progress.InEnglish;
                return Task.CompletedTask;
            },
            CancellationToken.None);

        foreach (var path in written)
            Console.WriteLine(path);
        Console.Error.WriteLine($"{result!.Facts.Total:N0} counted signatures in {clock.Elapsed.TotalSeconds:0.0} s. SHA-256 of the signer list (CSV): {result.Facts.Sha256}");
        return 0;
    }

    // One file goes where it was asked to. Several volumes share the name asked for, each with
    // its volume number, e.g. pack.pdf becomes pack-volume-01-of-03.pdf.
    private static string PathFor(string output, string name)
    {
        var volume = name.IndexOf("-volume-", StringComparison.Ordinal);
        if (volume < 0)
            return output;
        var directory = Path.GetDirectoryName(output) ?? "";
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(output) + name[volume..]);
    }
}
