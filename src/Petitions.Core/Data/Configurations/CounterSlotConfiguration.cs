using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Counting;
using Petitions.Core.Publishing;

namespace Petitions.Core.Data.Configurations;

internal sealed class CounterSlotConfiguration : IEntityTypeConfiguration<CounterSlot>
{
    public void Configure(EntityTypeBuilder<CounterSlot> builder)
    {
        builder.ToTable("signature_counter_slots");
        builder.HasKey(s => new { s.PetitionId, s.Slot });
        builder.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
