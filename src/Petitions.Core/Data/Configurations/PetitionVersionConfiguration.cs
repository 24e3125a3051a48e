using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Publishing;

namespace Petitions.Core.Data.Configurations;

internal sealed class PetitionVersionConfiguration : IEntityTypeConfiguration<PetitionVersion>
{
    public void Configure(EntityTypeBuilder<PetitionVersion> builder)
    {
        builder.Property(v => v.Id).UseIdentityAlwaysColumn();
        builder.Property(v => v.Title).HasMaxLength(PetitionRules.TitleMaxLength);
        builder.Property(v => v.Summary).HasMaxLength(PetitionRules.SummaryMaxLength);
        builder.HasIndex(v => new { v.PetitionId, v.Number }).IsUnique();
    }
}
