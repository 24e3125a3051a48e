using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Signing;
using Petitions.Local.Demo;
using Petitions.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Petitions.Tests.Delivery;

// The command-line verbs, run as a deploy script would run them, against the test's database.
public sealed class ExportCommandTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments) => app.RunVerbAsync(arguments);

    [Fact]
    public async Task The_export_verb_writes_the_pdf_and_the_csv_with_the_same_hash()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signer.Named("김철수"), Signer.Named("Иван Петров"), Signer.Named("Ada Lovelace"));
        var folder = Exports.NewFolder();

        var pdf = await RunAsync("export", "--petition", slug, "--format", "pdf", "--output", Path.Combine(folder, "pack.pdf"));
        var csv = await RunAsync("export", "--petition", slug, "--format", "csv", "--output", Path.Combine(folder, "list.csv"));

        Assert.True(pdf.ExitCode == 0, pdf.Errors);
        Assert.True(csv.ExitCode == 0, csv.Errors);
        Assert.Equal(Path.Combine(folder, "pack.pdf"), pdf.Output.Trim());
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, "list.csv"))));
        using var document = PdfDocument.Open(Path.Combine(folder, "pack.pdf"));
        Assert.Contains(hash, PdfText.Text(document.GetPage(1)));
        Assert.Contains(hash, pdf.Errors);
        Assert.Contains("김철수", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(folder, "list.csv"))));
    }

    [Fact]
    public async Task The_export_verb_writes_one_file_a_volume_and_says_how_to_use_it_when_asked_wrongly()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(150));
        var folder = Exports.NewFolder();

        var volumes = await RunAsync("export", "--petition", slug, "--format", "pdf", "--output", Path.Combine(folder, "pack.pdf"), "--volume-size", "100");
        var wrong = await RunAsync("export", "--petition", slug, "--format", "docx", "--output", folder);

        Assert.True(volumes.ExitCode == 0, volumes.Errors);
        Assert.Equal(["pack-volume-01-of-02.pdf", "pack-volume-02-of-02.pdf"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(2, wrong.ExitCode);
        Assert.StartsWith("Usage: export", wrong.Errors);
    }

    [Fact]
    public async Task Seed_demo_fills_a_petition_with_confirmed_signatures_in_many_scripts_and_reconciles_its_count()
    {
        var slug = $"demo-{Guid.NewGuid():N}";

        var seeded = await RunAsync("seed-demo", "--petition", slug, "--signatures", "2000");

        Assert.True(seeded.ExitCode == 0, seeded.Errors);
        Assert.Contains("Added 2,000 signatures", seeded.Output);
        var id = await app.PetitionIdAsync(slug);
        var names = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == id).Select(s => s.Name).ToListAsync());
        Assert.Equal(2000, names.Count);
        Assert.Equal(2000, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.PetitionId == id && s.Status == SignatureStatus.Confirmed)));
        Assert.Equal(2000, await app.WithServiceAsync<Core.Counting.SignatureCounter, long>(c => c.CountAsync(id, CancellationToken.None)));
        foreach (var script in new[] { @"\p{IsHangulSyllables}", @"\p{IsCJKUnifiedIdeographs}", @"\p{IsHiragana}", @"\p{IsArabic}", @"\p{IsHebrew}",
                     @"\p{IsCyrillic}", @"\p{IsDevanagari}", @"\p{IsThai}", "[À-ž]" })
            Assert.Contains(names, n => System.Text.RegularExpressions.Regex.IsMatch(n, script));
        Assert.True(await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == id).Select(s => s.Country).Distinct().CountAsync()) > 40);
        // Online signers read the petition in a plausible mix of the site's languages; paper ones in none.
        var languages = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == id)
            .GroupBy(s => new { s.Language, Paper = s.Source == SignatureSource.Paper }).Select(g => new { g.Key.Language, g.Key.Paper }).ToListAsync());
        Assert.All(languages.Where(l => l.Paper), l => Assert.Null(l.Language));
        Assert.Equal(Core.Languages.SiteLanguages.All.Select(l => l.Tag).Order(),
            languages.Where(l => !l.Paper).Select(l => l.Language!).Distinct().Order());

        var plain = await RunAsync("seed-demo");
        Assert.Equal(Petitions.Local.Demo.DemoPetition.Slug, plain.Output.Trim());
    }
}
