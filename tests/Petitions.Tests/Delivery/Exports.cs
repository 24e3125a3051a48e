using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Delivery;

// Runs an export the way the worker does, into a folder of the test's own, and hands back the files.
public sealed class ExportedPack(string folder, IReadOnlyList<string> files, PackFacts facts)
{
    public string Folder { get; } = folder;
    public IReadOnlyList<string> Files { get; } = files;
    public PackFacts Facts { get; } = facts;

    public byte[] Bytes(string suffix) => File.ReadAllBytes(Path.Combine(Folder, Files.Single(f => f.EndsWith(suffix, StringComparison.Ordinal))));
    public string PathOf(string name) => Path.Combine(Folder, name);
    public IEnumerable<string> Pdfs => Files.Where(f => f.EndsWith(".pdf", StringComparison.Ordinal)).Select(PathOf);
    public string Pdf => Pdfs.Single();
    public byte[] Csv => Bytes("-signers.csv");
}

public static class Exports
{
    // Every pack a test run makes goes under one folder, removed when the run ends.
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory($"petitions-test-packs-{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return root;
    });

    public static string NewFolder() => Directory.CreateDirectory(Path.Combine(Root.Value, Guid.NewGuid().ToString("N"))).FullName;

    public static async Task<ExportedPack> RunAsync(PetitionsApp app, string slug,
        ExportFormats formats = ExportFormats.Pdf | ExportFormats.Csv, int volumeSize = 100_000)
    {
        var folder = NewFolder();
        await using var scope = app.Services.CreateAsyncScope();
        var petitionId = await scope.ServiceProvider.GetRequiredService<PetitionsDbContext>().Petitions
            .Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        var result = await scope.ServiceProvider.GetRequiredService<DeliveryExporter>().ExportAsync(petitionId, formats, volumeSize,
            name => File.Create(Path.Combine(folder, name)), _ => Task.CompletedTask, CancellationToken.None);
        return new ExportedPack(folder, result!.Files, result.Facts);
    }
}
