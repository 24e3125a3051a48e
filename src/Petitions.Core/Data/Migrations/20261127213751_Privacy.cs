using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "anonymised_at",
                table: "signatures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "consent_version",
                table: "signatures",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "consented_at",
                table: "signatures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ip_minimised_at",
                table: "signatures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "signatures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivered_sha256",
                table: "petitions",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "delivered_signature_count",
                table: "petitions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "signers_anonymised_at",
                table: "petitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "manage_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    signature_id = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_manage_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_manage_tokens_signatures_signature_id",
                        column: x => x.signature_id,
                        principalTable: "signatures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_signatures_ip_to_minimise",
                table: "signatures",
                column: "signed_at",
                filter: "ip_address IS NOT NULL AND ip_minimised_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_signatures_pending_signed_at",
                table: "signatures",
                column: "signed_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_manage_tokens_hash",
                table: "manage_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_manage_tokens_signature_id",
                table: "manage_tokens",
                column: "signature_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "manage_tokens");

            migrationBuilder.DropIndex(
                name: "ix_signatures_ip_to_minimise",
                table: "signatures");

            migrationBuilder.DropIndex(
                name: "ix_signatures_pending_signed_at",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "anonymised_at",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "consent_version",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "consented_at",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "ip_minimised_at",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "delivered_sha256",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "delivered_signature_count",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "signers_anonymised_at",
                table: "petitions");
        }
    }
}
