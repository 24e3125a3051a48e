using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Import;
using Petitions.Core.Publishing;

namespace Petitions.Core.Data.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.FileName).HasMaxLength(260);
        builder.Property(b => b.CreatedBy).HasMaxLength(256);
        builder.HasOne<Petition>().WithMany().HasForeignKey(b => b.PetitionId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(b => b.Rows, rows => rows.ToJson());
    }
}
