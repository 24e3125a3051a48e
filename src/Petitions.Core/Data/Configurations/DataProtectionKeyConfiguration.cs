using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Data;

namespace Petitions.Core.Data.Configurations;

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.Property(k => k.Id).UseIdentityAlwaysColumn();
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
        builder.HasIndex(k => k.FriendlyName).IsUnique();
    }
}
