using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Signing;

namespace Petitions.Core.Data.Configurations;

internal sealed class ConfirmationTokenConfiguration : IEntityTypeConfiguration<ConfirmationToken>
{
    public void Configure(EntityTypeBuilder<ConfirmationToken> builder)
    {
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.Hash).HasMaxLength(32);
        builder.HasIndex(t => t.Hash).IsUnique();
    }
}
