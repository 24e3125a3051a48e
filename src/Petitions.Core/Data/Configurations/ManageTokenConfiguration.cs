using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Privacy;

namespace Petitions.Core.Data.Configurations;

internal sealed class ManageTokenConfiguration : IEntityTypeConfiguration<ManageToken>
{
    public void Configure(EntityTypeBuilder<ManageToken> builder)
    {
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.Hash).HasMaxLength(32);
        builder.HasIndex(t => t.Hash).IsUnique();
    }
}
