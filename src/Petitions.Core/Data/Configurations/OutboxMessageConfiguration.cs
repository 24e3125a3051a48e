using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Email;

namespace Petitions.Core.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        // As for signatures: no address that could carry a second header or recipient is ever sent.
        builder.ToTable(t => t.HasCheckConstraint("ck_outbox_messages_to_address_one_word", @"to_address !~ '[\x01-\x20\x7f]'"));
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(400);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.ListUnsubscribe).HasMaxLength(1000);

        // An update's progress counts its own emails.
        builder.HasIndex(m => m.UpdateId)
            .HasFilter("update_id IS NOT NULL")
            .HasDatabaseName("ix_outbox_messages_update_id");

        // Only unsent mail is ever looked for, so the index holds only unsent mail and stays
        // small however much has been sent.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id })
            .HasFilter("sent_at IS NULL AND failed_at IS NULL")
            .HasDatabaseName("ix_outbox_messages_due");

        // For the dashboard's count of mail refused for good, without reading all sent mail.
        builder.HasIndex(m => m.FailedAt)
            .HasFilter("failed_at IS NOT NULL")
            .HasDatabaseName("ix_outbox_messages_failed");
    }
}
