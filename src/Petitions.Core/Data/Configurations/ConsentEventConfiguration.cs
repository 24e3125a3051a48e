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
        // A withdrawn or anonymised signature keeps its consent events: they hold no personal data
        // (an id, what, how and when), and they are the record that the signer asked not to be
        // emailed. They go only with the row itself (retention deleting an unconfirmed signature).
        builder.HasOne<Signature>().WithMany().HasForeignKey(e => e.SignatureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.SignatureId, e.At });
    }
}
