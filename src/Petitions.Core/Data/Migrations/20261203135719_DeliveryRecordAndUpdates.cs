using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryRecordAndUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "unsubscribed_at",
                table: "signatures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivered_by",
                table: "petitions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "delivered_export_job_id",
                table: "petitions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_place",
                table: "petitions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "no_response_by",
                table: "petitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "responded_on",
                table: "petitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "response_text",
                table: "petitions",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "list_unsubscribe",
                table: "outbox_messages",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "update_id",
                table: "outbox_messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consent_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    signature_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_events_signatures_signature_id",
                        column: x => x.signature_id,
                        principalTable: "signatures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delivery_photos",
                columns: table => new
                {
                    petition_id = table.Column<int>(type: "integer", nullable: false),
                    jpeg = table.Column<byte[]>(type: "bytea", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_photos", x => x.petition_id);
                    table.ForeignKey(
                        name: "fk_delivery_photos_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_updates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    petition_id = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recipients_total = table.Column<long>(type: "bigint", nullable: false),
                    enqueued = table.Column<long>(type: "bigint", nullable: false),
                    cursor = table.Column<long>(type: "bigint", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_petition_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_petition_updates_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_update_translations",
                columns: table => new
                {
                    update_id = table.Column<long>(type: "bigint", nullable: false),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_petition_update_translations", x => new { x.update_id, x.language });
                    table.ForeignKey(
                        name: "fk_petition_update_translations_petition_updates_update_id",
                        column: x => x.update_id,
                        principalTable: "petition_updates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "update_recipients",
                columns: table => new
                {
                    update_id = table.Column<long>(type: "bigint", nullable: false),
                    signature_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_update_recipients", x => new { x.update_id, x.signature_id });
                    table.ForeignKey(
                        name: "fk_update_recipients_petition_updates_update_id",
                        column: x => x.update_id,
                        principalTable: "petition_updates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_update_id",
                table: "outbox_messages",
                column: "update_id",
                filter: "update_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_consent_events_signature_id_at",
                table: "consent_events",
                columns: new[] { "signature_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_petition_updates_petition_id_id",
                table: "petition_updates",
                columns: new[] { "petition_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_petition_updates_sending",
                table: "petition_updates",
                column: "id",
                filter: "status = 'Sending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consent_events");

            migrationBuilder.DropTable(
                name: "delivery_photos");

            migrationBuilder.DropTable(
                name: "petition_update_translations");

            migrationBuilder.DropTable(
                name: "update_recipients");

            migrationBuilder.DropTable(
                name: "petition_updates");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_update_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "unsubscribed_at",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "delivered_by",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "delivered_export_job_id",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "delivery_place",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "no_response_by",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "responded_on",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "response_text",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "list_unsubscribe",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "update_id",
                table: "outbox_messages");
        }
    }
}
