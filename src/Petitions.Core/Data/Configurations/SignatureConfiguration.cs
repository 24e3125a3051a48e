using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Core.Data.Configurations;

internal sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public const string UniqueEmailPerPetition = "ux_signatures_petition_id_normalized_email";
    public const string SignatureIds = "signature_ids";

    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        // Ids come in blocks from a sequence (hi-lo), so the app knows a new signature's id before
        // inserting it: the signature, its two tokens and its email go to the database in one
        // batch, instead of the signature first (to learn its id) and the rest after. Rows written
        // outside the app (COPY, SQL) take the column default, one whole block each, so the two
        // never meet. Within one instance ids rise with time; across instances, only block by block.
        builder.Property(s => s.Id).UseHiLo(SignatureIds).HasDefaultValueSql($"nextval('{SignatureIds}')");
        builder.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Name).HasMaxLength(SignatureRules.NameMaxLength);
        builder.Property(s => s.Email).HasMaxLength(SignatureRules.EmailMaxLength);
        builder.Property(s => s.NormalizedEmail).HasMaxLength(SignatureRules.EmailMaxLength);
        builder.Property(s => s.Country).HasMaxLength(SignatureRules.CountryLength).IsFixedLength();
        builder.Property(s => s.City).HasMaxLength(SignatureRules.CityMaxLength);
        builder.Property(s => s.Comment).HasMaxLength(SignatureRules.CommentMaxLength);
        builder.Property(s => s.UserAgent).HasMaxLength(SignatureRules.UserAgentMaxLength);
        builder.Property(s => s.EmailDomain).HasMaxLength(SignatureRules.EmailMaxLength)
            .HasComputedColumnSql("split_part(normalized_email, '@', 2)", stored: true);
        builder.Property(s => s.FlagReason).HasMaxLength(SignatureRules.ReasonMaxLength);
        builder.Property(s => s.InvalidationReason).HasMaxLength(SignatureRules.ReasonMaxLength);
        builder.Property(s => s.ConsentVersion).HasMaxLength(ConsentWording.VersionMaxLength);
        builder.Property(s => s.Language).HasMaxLength(Languages.SiteLanguages.TagMaxLength);
        // The last line of defence against header injection: an address that reaches the
        // database holds no line break, control character or space, whatever wrote it.
        builder.ToTable(t => t.HasCheckConstraint("ck_signatures_email_one_word", @"email !~ '[\x01-\x20\x7f]'"));

        // The database, not the application, decides that an address signs a petition once:
        // two identical requests racing each other cannot both insert.
        builder.HasIndex(s => new { s.PetitionId, s.NormalizedEmail }).IsUnique().HasDatabaseName(UniqueEmailPerPetition);
        // Moderation lists pages of one petition's signatures newest first, by keyset, under
        // each filter; every filter has an index that leads with the petition and ends in the id.
        builder.HasIndex(s => new { s.PetitionId, s.Id });
        // The moderation queue: flagged signatures awaiting a decision. Only those rows, so the
        // index stays tiny and the queue lists at once even when it is empty and the petition huge.
        builder.HasIndex(s => new { s.PetitionId, s.Id }, "ix_signatures_flagged")
            .HasFilter("flagged_at IS NOT NULL AND status <> 'Invalidated'")
            .HasDatabaseName("ix_signatures_flagged");
        builder.HasIndex(s => new { s.PetitionId, s.Status, s.Id });
        builder.HasIndex(s => new { s.PetitionId, s.Country, s.Id });
        builder.HasIndex(s => new { s.PetitionId, s.EmailDomain, s.Id });
        builder.HasIndex(s => new { s.PetitionId, s.SignedAt });
        // Rate rules count one address's recent signatures on one petition.
        builder.HasIndex(s => new { s.PetitionId, s.IpAddress, s.SignedAt });
        builder.HasIndex(s => s.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_signatures_name_trgm");
        builder.HasIndex(s => s.NormalizedEmail).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_signatures_normalized_email_trgm");

        // Retention finds what it has left to do through small partial indexes: unconfirmed
        // signatures are few, and so are addresses not yet minimised (only the last days' worth).
        builder.HasIndex(s => s.SignedAt, "ix_signatures_pending_signed_at")
            .HasFilter("status = 'Pending'")
            .HasDatabaseName("ix_signatures_pending_signed_at");
        builder.HasIndex(s => s.SignedAt, "ix_signatures_ip_to_minimise")
            .HasFilter("ip_address IS NOT NULL AND ip_minimised_at IS NULL")
            .HasDatabaseName("ix_signatures_ip_to_minimise");

        builder.HasMany(s => s.ManageTokens).WithOne().HasForeignKey(t => t.SignatureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Tokens).WithOne().HasForeignKey(t => t.SignatureId).OnDelete(DeleteBehavior.Cascade);
    }
}
