using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.PublicData;

// The public figures must never read a big petition's signatures table row by row. Each test
// records the SQL the app's own query sends and asks PostgreSQL how it would run it, on a
// petition large enough (and vacuumed and analysed, as autovacuum leaves a live table) that the
// planner's choice is the one it makes at scale.
public sealed class StatisticsQueryPlanTests(StatisticsQueryPlanTests.BigPetition big) : IClassFixture<StatisticsQueryPlanTests.BigPetition>
{
    [Fact]
    public async Task Signatures_by_country_walk_only_the_index_of_counted_signatures_by_country()
    {
        var plan = await big.PlanOfAsync(db => PetitionStatistics.ByCountryAsync(db, big.PetitionId, CancellationToken.None));

        Assert.True(plan.Contains("Index Only Scan using ix_signatures_counted_by_country"), plan);
        Assert.False(plan.Contains("Seq Scan"), plan);
        Assert.False(plan.Contains("Sort"), plan);
    }

    [Fact]
    public async Task Signatures_by_hour_walk_only_a_week_of_the_delivered_list_index()
    {
        var plan = await big.PlanOfAsync(db => PetitionStatistics.ByHourAsync(db, big.PetitionId, DateTimeOffset.UtcNow, CancellationToken.None),
            sql => sql.Contains("date_trunc"));

        Assert.True(plan.Contains("Index Only Scan using ix_signatures_delivered_list"), plan);
        Assert.Matches(@"Index Cond: .*signed_at >=", plan);
        Assert.False(plan.Contains("Seq Scan"), plan);
    }

    [Fact]
    public async Task Recent_signers_read_ten_entries_from_the_end_of_the_public_signers_index()
    {
        var plan = await big.PlanOfAsync(db => PetitionStatistics.RecentSignersAsync(db, big.PetitionId, CancellationToken.None));

        Assert.True(plan.Contains("Limit"), plan);
        Assert.True(plan.Contains("Index Scan Backward using ix_signatures_public_signers"), plan);
        Assert.False(plan.Contains("Seq Scan"), plan);
        Assert.False(plan.Contains("Sort"), plan);
    }

    [Fact]
    public async Task The_figures_on_the_big_petition_add_up_to_its_counted_signatures()
    {
        var countries = await big.WithDbAsync(db => PetitionStatistics.ByCountryAsync(db, big.PetitionId, CancellationToken.None));

        Assert.Equal(big.Counted, countries.Sum(c => c.Signatures));
    }

    // One petition of 40,000 signatures over the last week, with what real rows carry (a city, a
    // browser, an address, a comment on every third): 10% pending, 5% flagged, 10% named.
    public sealed class BigPetition : PetitionsApp
    {
        private const int Signatures = 40_000;

        public int PetitionId { get; private set; }
        public long Counted { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            PetitionId = await PetitionIdAsync(await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(this));
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using (var insert = new NpgsqlCommand($"""
                INSERT INTO signatures (petition_id, name, email, normalized_email, country, city, comment, user_agent, ip_address,
                    show_name_publicly, wants_updates, withhold_name_from_delivery, status, signed_at, confirmed_at, source,
                    petition_version, flagged_at, emails_sent)
                SELECT {PetitionId}, 'Signer ' || i, 'signer' || i || '@plan.example.org', 'signer' || i || '@plan.example.org',
                    (ARRAY['GB','FR','DE','BR','KR','IN','US','JP','EG','IL'])[1 + i % 10], 'Springfield',
                    CASE WHEN i % 3 = 0 THEN repeat('Clean rivers matter to my family and my town. ', 5) END,
                    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
                    ('198.51.100.' || (i % 250))::inet,
                    i % 10 = 1, false, false,
                    CASE WHEN i % 10 = 3 THEN 'Pending' ELSE 'Confirmed' END,
                    now() - make_interval(secs => i * 15), CASE WHEN i % 10 = 3 THEN NULL ELSE now() - make_interval(secs => i * 15) END,
                    'Online', 1, CASE WHEN i % 20 = 7 THEN now() END, 1
                FROM generate_series(1, {Signatures}) AS i
                """, connection))
            {
                insert.CommandTimeout = 300;
                await insert.ExecuteNonQueryAsync();
            }
            // VACUUM marks pages all-visible (what lets an index-only scan skip the table) only
            // if no transaction open at that moment might still not see the new rows; the app's
            // background workers poll in short transactions, so it is repeated until it could.
            for (var attempt = 0; attempt < 20; attempt++)
            {
                await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE signatures", connection))
                {
                    vacuum.CommandTimeout = 300;
                    await vacuum.ExecuteNonQueryAsync();
                }
                await using var visible = new NpgsqlCommand(
                    "SELECT relallvisible >= relpages * 0.95 FROM pg_class WHERE relname = 'signatures'", connection);
                if ((bool)(await visible.ExecuteScalarAsync())!)
                    break;
                await Task.Delay(250);
            }
            Counted = 3 + Enumerable.Range(1, Signatures).Count(i => i % 10 != 3 && i % 20 != 7);
        }

        public async Task<string> PlanOfAsync<T>(Func<PetitionsDbContext, Task<T>> query, Func<string, bool>? which = null)
        {
            var recorder = new CommandRecorder();
            await using (var db = Context(recorder))
                await query(db);
            var command = recorder.Commands.Single(c => which?.Invoke(c.Sql) ?? true);
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var explain = new NpgsqlCommand("EXPLAIN " + command.Sql, connection);
            foreach (var (name, value) in command.Parameters)
                explain.Parameters.Add(new NpgsqlParameter(name, value));
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    lines.Add(reader.GetString(0));
            }
            return string.Join("\n", lines);
        }

        // A context like the app's, with the app's own model, that records what it sends.
        private PetitionsDbContext Context(CommandRecorder recorder)
        {
            using var scope = Services.CreateScope();
            var model = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>().Model;
            var options = new DbContextOptionsBuilder<PetitionsDbContext>();
            PetitionsDbContext.Configure(options, ConnectionString);
            return new PetitionsDbContext(options.UseModel(model).AddInterceptors(recorder).Options);
        }
    }
}
