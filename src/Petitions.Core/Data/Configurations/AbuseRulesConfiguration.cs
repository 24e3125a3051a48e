using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Abuse;

namespace Petitions.Core.Data.Configurations;

internal sealed class AbuseRulesConfiguration : IEntityTypeConfiguration<AbuseRules>
{
    public void Configure(EntityTypeBuilder<AbuseRules> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasData(AbuseRules.Defaults());
    }
}
