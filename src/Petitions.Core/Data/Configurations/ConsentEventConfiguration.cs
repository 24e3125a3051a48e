using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Privacy;
using Petitions.Core.Signing;

namespace Petitions.Core.Data.Configurations;

internal sealed class ConsentEventConfiguration : IEntityTypeConfiguration<ConsentEvent>
{
    public void Configure(EntityTypeBuilder<ConsentEvent> builder)
    {
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.HasOne<Signature>().WithMany().HasForeignKey(e => e.SignatureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.SignatureId, e.At });
    }
}
