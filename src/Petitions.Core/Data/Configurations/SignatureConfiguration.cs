using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Petitions;
using Petitions.Core.Signing;

namespace Petitions.Core.Data.Configurations;

internal sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public const string UniqueEmailPerPetition = "ux_signatures_petition_id_normalized_email";

    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Name).HasMaxLength(SignatureRules.NameMaxLength);
        builder.Property(s => s.Email).HasMaxLength(SignatureRules.EmailMaxLength);
        builder.Property(s => s.NormalizedEmail).HasMaxLength(SignatureRules.EmailMaxLength);
        builder.Property(s => s.Country).HasMaxLength(SignatureRules.CountryLength).IsFixedLength();
        builder.Property(s => s.City).HasMaxLength(SignatureRules.CityMaxLength);
        builder.Property(s => s.Comment).HasMaxLength(SignatureRules.CommentMaxLength);
        builder.Property(s => s.UserAgent).HasMaxLength(SignatureRules.UserAgentMaxLength);

        // The database, not the application, decides that an address signs a petition once:
        // two identical requests racing each other cannot both insert.
        builder.HasIndex(s => new { s.PetitionId, s.NormalizedEmail }).IsUnique().HasDatabaseName(UniqueEmailPerPetition);
        builder.HasIndex(s => new { s.PetitionId, s.Status });

        builder.HasMany(s => s.Tokens).WithOne().HasForeignKey(t => t.SignatureId).OnDelete(DeleteBehavior.Cascade);
    }
}
