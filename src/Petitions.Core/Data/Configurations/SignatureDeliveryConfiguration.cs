using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Delivery;
using Petitions.Core.Signing;

namespace Petitions.Core.Data.Configurations;

// The delivery pack's part of the signatures table, kept apart from SignatureConfiguration.
internal sealed class SignatureDeliveryConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        // The delivered list reads one petition's counted signatures in the order signed. This
        // index holds exactly those rows in exactly that order, so a million-line export is an
        // index walk with no sort. Its filter is the counting rule itself.
        builder.HasIndex(s => new { s.PetitionId, s.SignedAt, s.Id })
            .HasFilter(Signature.CountedSql)
            .HasDatabaseName("ix_signatures_delivered_list");
    }
}
