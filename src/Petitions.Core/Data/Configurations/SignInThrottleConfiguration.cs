using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Staff;

namespace Petitions.Core.Data.Configurations;

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public const int SourceMaxLength = 64;

    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("staff_sign_in_throttles");
        builder.HasKey(t => new { t.UserId, t.Source });
        builder.Property(t => t.Source).HasMaxLength(SourceMaxLength);
        // Removing an account removes its counts.
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
