using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Delivery;

namespace Petitions.Core.Data.Configurations;

internal sealed class ReceiptKeyConfiguration : IEntityTypeConfiguration<ReceiptKey>
{
    public void Configure(EntityTypeBuilder<ReceiptKey> builder)
    {
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Key).HasMaxLength(32);
    }
}
