using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Abuse;

namespace Petitions.Core.Data.Configurations;

internal sealed class AccessListEntryConfiguration : IEntityTypeConfiguration<AccessListEntry>
{
    public void Configure(EntityTypeBuilder<AccessListEntry> builder)
    {
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Value).HasMaxLength(256);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.List, e.Kind, e.Value }).IsUnique();
    }
}
