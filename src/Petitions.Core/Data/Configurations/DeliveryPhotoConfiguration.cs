using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;

namespace Petitions.Core.Data.Configurations;

internal sealed class DeliveryPhotoConfiguration : IEntityTypeConfiguration<DeliveryPhoto>
{
    public void Configure(EntityTypeBuilder<DeliveryPhoto> builder)
    {
        builder.HasKey(p => p.PetitionId);
        builder.HasOne<Petition>().WithOne().HasForeignKey<DeliveryPhoto>(p => p.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
