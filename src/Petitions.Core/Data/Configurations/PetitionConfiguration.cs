using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;

namespace Petitions.Core.Data.Configurations;

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> builder)
    {
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.Slug).HasMaxLength(PetitionRules.SlugMaxLength);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Title).HasMaxLength(PetitionRules.TitleMaxLength);
        builder.Property(p => p.RecipientName).HasMaxLength(PetitionRules.RecipientNameMaxLength);
        builder.Property(p => p.RecipientAddress).HasMaxLength(PetitionRules.RecipientAddressMaxLength);
        builder.Property(p => p.Summary).HasMaxLength(PetitionRules.SummaryMaxLength);
        builder.Property(p => p.Demands);
        builder.Property(p => p.CoverLetter).HasMaxLength(Delivery.DeliveryRules.CoverLetterMaxLength);
        builder.Property(p => p.Organiser).HasMaxLength(Delivery.DeliveryRules.OrganiserMaxLength);
        builder.Property(p => p.DeliveredSha256).HasMaxLength(Delivery.DeliveryRules.Sha256HexLength).IsFixedLength();
        builder.Property(p => p.DeliveryPlace).HasMaxLength(Delivery.DeliveryRules.PlaceMaxLength);
        builder.Property(p => p.DeliveredBy).HasMaxLength(Delivery.DeliveryRules.DeliveredByMaxLength);
        builder.Property(p => p.ResponseText).HasMaxLength(Delivery.DeliveryRules.ResponseMaxLength);
        builder.HasIndex(p => p.Status);
        builder.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PetitionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Versions).AutoInclude(false);
        builder.HasMany(p => p.Translations).WithOne().HasForeignKey(t => t.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
