using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;

namespace Petitions.Core.Data.Configurations;

internal sealed class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> builder)
    {
        builder.Property(j => j.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Petition>().WithMany().HasForeignKey(j => j.PetitionId).OnDelete(DeleteBehavior.Cascade);
        // Flags read as "Pdf, Csv, StaffCsv": longer than the convention's 20 characters.
        builder.Property(j => j.Formats).HasConversion<string>().HasMaxLength(60);
        builder.Property(j => j.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(j => j.Error).HasMaxLength(ExportJob.ErrorMaxLength);
        builder.Property(j => j.RequestedBy).HasMaxLength(256);
        builder.Ignore(j => j.Folder);
        builder.Ignore(j => j.IsFinished);
        builder.Ignore(j => j.HasUsedUpItsAttempts);
        builder.HasIndex(j => new { j.PetitionId, j.Id });
        // Workers look only for jobs not yet finished, so the index holds only those.
        builder.HasIndex(j => j.Id).HasFilter("status IN ('Queued', 'Running')").HasDatabaseName("ix_export_jobs_unfinished");
    }
}
