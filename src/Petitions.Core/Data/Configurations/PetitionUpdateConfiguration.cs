using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;
using Petitions.Core.Updates;

namespace Petitions.Core.Data.Configurations;

internal sealed class PetitionUpdateConfiguration : IEntityTypeConfiguration<PetitionUpdate>
{
    public void Configure(EntityTypeBuilder<PetitionUpdate> builder)
    {
        builder.Property(u => u.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Petition>().WithMany().HasForeignKey(u => u.PetitionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(u => u.Title).HasMaxLength(UpdateRules.TitleMaxLength);
        builder.Property(u => u.Body).HasMaxLength(UpdateRules.BodyMaxLength);
        builder.Property(u => u.CreatedBy).HasMaxLength(256);
        builder.HasIndex(u => new { u.PetitionId, u.Id });
        // Workers look only for updates being sent, so the index holds only those.
        builder.HasIndex(u => u.Id).HasFilter("status = 'Sending'").HasDatabaseName("ix_petition_updates_sending");
        builder.HasMany(u => u.Translations).WithOne().HasForeignKey(t => t.UpdateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PetitionUpdateTranslationConfiguration : IEntityTypeConfiguration<PetitionUpdateTranslation>
{
    public void Configure(EntityTypeBuilder<PetitionUpdateTranslation> builder)
    {
        builder.HasKey(t => new { t.UpdateId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(SiteLanguages.TagMaxLength);
        builder.Property(t => t.Title).HasMaxLength(UpdateRules.TitleMaxLength);
        builder.Property(t => t.Body).HasMaxLength(UpdateRules.BodyMaxLength);
    }
}

internal sealed class UpdateRecipientConfiguration : IEntityTypeConfiguration<UpdateRecipient>
{
    public void Configure(EntityTypeBuilder<UpdateRecipient> builder)
    {
        // The database decides that a signature gets an update once, whatever crashed and resumed.
        builder.HasKey(r => new { r.UpdateId, r.SignatureId });
        builder.HasOne<PetitionUpdate>().WithMany().HasForeignKey(r => r.UpdateId).OnDelete(DeleteBehavior.Cascade);
    }
}
