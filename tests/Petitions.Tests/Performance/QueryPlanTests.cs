using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;
using Petitions.Tests.Delivery;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Performance;

// The two reads that run for every page view and every confirmation must not grow with the
// number of signatures. Each test records the SQL the app's own code sends and asks PostgreSQL
// how it would run it.
public sealed class QueryPlanTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Reading_the_count_reads_the_counter_slots_and_never_the_signatures()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(30).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        var recorder = new CommandRecorder();
        await using var db = Context(recorder);

        // Reading the count never touches the public cache, so the counter is given none.
        var count = await new SignatureCounter(db, null!).CountAsync(petitionId, CancellationToken.None);

        Assert.Equal(30, count);
        var plan = await ExplainAsync(recorder.Commands.Single());
        Assert.Contains("signature_counter_slots", plan);
        Assert.DoesNotMatch(@"\bon signatures\b", plan);
    }

    [Fact]
    public async Task The_signature_number_on_confirmation_reads_the_counter_and_only_the_later_end_of_the_list_index()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(50));
        var petitionId = await app.PetitionIdAsync(slug);
        var last = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == petitionId).MaxAsync(s => s.Id));
        var recorder = new CommandRecorder();
        await using var db = Context(recorder);

        var receipt = await new DeliveryReceipts(db, new ReceiptKeys(db, new LoadedReceiptKey())).ForSignatureAsync(last, CancellationToken.None);

        Assert.Equal(50, receipt!.Number);
        // With 50 rows a sequential scan is cheaper, and PostgreSQL would rightly take it; with
        // the scans a large table makes expensive turned off, the plan shows what it does at scale:
        // the counter slots summed, and entries of the partial index after this one counted (an
        // index condition on (signed_at, id) > ...), no table rows read.
        var plan = await ExplainAsync(recorder.Commands.Single(c => c.Sql.Contains("count(*)")),
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;");
        Assert.Contains("signature_counter_slots", plan);
        Assert.Contains("Index Only Scan using ix_signatures_delivered_list", plan);
        Assert.Matches(@"Index Cond: .*signed_at, .*id\) > ROW\(", plan);
    }

    // A context like the app's, with the app's own model (compiled queries run against one
    // model only), that records what it sends.
    private PetitionsDbContext Context(CommandRecorder recorder)
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>().Model;
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        PetitionsDbContext.Configure(options, app.ConnectionString);
        return new PetitionsDbContext(options.UseModel(model).AddInterceptors(recorder).Options);
    }

    private async Task<string> ExplainAsync(RecordedCommand command, string settings = "")
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (settings != "")
        {
            await using var set = new NpgsqlCommand(settings, connection, transaction);
            await set.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand("EXPLAIN " + command.Sql, connection, transaction);
        foreach (var (name, value) in command.Parameters)
            explain.Parameters.Add(new NpgsqlParameter(name, value));
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }
}
