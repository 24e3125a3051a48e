using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Signing;

namespace Petitions.Core.Data.Configurations;

// The public statistics' part of the signatures table (Counting/PetitionStatistics), kept apart
// from SignatureConfiguration. The tally by hour reads ix_signatures_delivered_list, which
// already holds the counted signatures in the order signed.
internal sealed class SignatureStatisticsConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        // The tally by country: only counted signatures, in (petition, country) order, so the
        // count per country is an index-only walk of one petition's entries, grouped as they come.
        // Entries are small (an int and two letters), and only confirmations add one.
        builder.HasIndex(s => new { s.PetitionId, s.Country }, "ix_signatures_counted_by_country")
            .HasFilter(Signature.CountedSql)
            .HasDatabaseName("ix_signatures_counted_by_country");

        // The recent public signers: exactly the rows that may be shown, in the order signed, so
        // the newest ten are the last ten entries, however few signers chose to be named.
        builder.HasIndex(s => new { s.PetitionId, s.SignedAt, s.Id }, "ix_signatures_public_signers")
            .HasFilter($"{Signature.CountedSql} AND show_name_publicly AND anonymised_at IS NULL")
            .HasDatabaseName("ix_signatures_public_signers");
    }
}
