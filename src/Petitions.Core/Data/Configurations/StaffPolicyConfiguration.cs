using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Staff;

namespace Petitions.Core.Data.Configurations;

internal sealed class StaffPolicyConfiguration : IEntityTypeConfiguration<StaffPolicy>
{
    public void Configure(EntityTypeBuilder<StaffPolicy> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasData(StaffPolicy.Defaults());
    }
}
