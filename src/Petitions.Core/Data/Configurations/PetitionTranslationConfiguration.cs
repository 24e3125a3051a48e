using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;

namespace Petitions.Core.Data.Configurations;

internal sealed class PetitionTranslationConfiguration : IEntityTypeConfiguration<PetitionTranslation>
{
    public void Configure(EntityTypeBuilder<PetitionTranslation> builder)
    {
        builder.Property(t => t.Language).HasMaxLength(SiteLanguages.TagMaxLength);
        builder.Property(t => t.Title).HasMaxLength(PetitionRules.TitleMaxLength);
        builder.Property(t => t.Summary).HasMaxLength(PetitionRules.SummaryMaxLength);
        // One translation a language: saving again replaces it.
        builder.HasIndex(t => new { t.PetitionId, t.Language }).IsUnique();
    }
}
