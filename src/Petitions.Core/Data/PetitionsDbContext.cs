using Microsoft.EntityFrameworkCore;
using Petitions.Core.Counting;
using Petitions.Core.Email;
using Petitions.Core.Petitions;
using Petitions.Core.Signing;

namespace Petitions.Core.Data;

// To add a migration, from the repository root:
//   dotnet tool restore
//   dotnet ef migrations add NAME --project src/Petitions.Core --startup-project src/Petitions.Web --output-dir Data/Migrations
// The design-time factory below gives the tools a context without starting a database.
public sealed class PetitionsDbContext(DbContextOptions<PetitionsDbContext> options) : DbContext(options)
{
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<ConfirmationToken> ConfirmationTokens => Set<ConfirmationToken>();
    public DbSet<CounterSlot> CounterSlots => Set<CounterSlot>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PetitionsDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
