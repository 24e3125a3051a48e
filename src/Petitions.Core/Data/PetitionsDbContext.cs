using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Abuse;
using Petitions.Core.Audit;
using Petitions.Core.Counting;
using Petitions.Core.Delivery;
using Petitions.Core.Email;
using Petitions.Core.Import;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Staff;

namespace Petitions.Core.Data;

// To add a migration, from the repository root:
//   dotnet tool restore
//   dotnet ef migrations add NAME --project src/Petitions.Core --startup-project src/Petitions.Web --output-dir Data/Migrations
// The design-time factory below gives the tools a context without starting a database.
public sealed class PetitionsDbContext(DbContextOptions<PetitionsDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<ConfirmationToken> ConfirmationTokens => Set<ConfirmationToken>();
    public DbSet<Privacy.ManageToken> ManageTokens => Set<Privacy.ManageToken>();
    public DbSet<CounterSlot> CounterSlots => Set<CounterSlot>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<PetitionVersion> PetitionVersions => Set<PetitionVersion>();
    public DbSet<PetitionTranslation> PetitionTranslations => Set<PetitionTranslation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AbuseRules> AbuseRules => Set<AbuseRules>();
    public DbSet<AccessListEntry> AccessList => Set<AccessListEntry>();
    public DbSet<StaffPolicy> StaffPolicy => Set<StaffPolicy>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Delivery.ExportJob> ExportJobs => Set<Delivery.ExportJob>();
    public DbSet<Delivery.ReceiptKey> ReceiptKeys => Set<Delivery.ReceiptKey>();
    public DbSet<Delivery.DeliveryPhoto> DeliveryPhotos => Set<Delivery.DeliveryPhoto>();
    public DbSet<Updates.PetitionUpdate> PetitionUpdates => Set<Updates.PetitionUpdate>();
    public DbSet<Updates.PetitionUpdateTranslation> PetitionUpdateTranslations => Set<Updates.PetitionUpdateTranslation>();
    public DbSet<Updates.UpdateRecipient> UpdateRecipients => Set<Updates.UpdateRecipient>();
    public DbSet<Privacy.ConsentEvent> ConsentEvents => Set<Privacy.ConsentEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<StaffUser>().ToTable("staff_users");
        modelBuilder.Entity<IdentityRole>().ToTable("staff_roles");
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("staff_user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("staff_user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("staff_user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("staff_user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("staff_role_claims");
        // The two staff roles exist from the first migration on.
        modelBuilder.Entity<IdentityRole>().HasData(
            StaffRoles.All.Select(role => new IdentityRole(role)
            {
                Id = role.ToLowerInvariant(),
                NormalizedName = role.ToUpperInvariant(),
                ConcurrencyStamp = role.ToLowerInvariant(),
            }));
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PetitionsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
