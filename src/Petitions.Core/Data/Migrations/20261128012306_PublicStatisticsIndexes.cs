using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublicStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_signatures_counted_by_country",
                table: "signatures",
                columns: new[] { "petition_id", "country" },
                filter: "status = 'Confirmed' AND flagged_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_signatures_public_signers",
                table: "signatures",
                columns: new[] { "petition_id", "signed_at", "id" },
                filter: "status = 'Confirmed' AND flagged_at IS NULL AND show_name_publicly AND anonymised_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_signatures_counted_by_country",
                table: "signatures");

            migrationBuilder.DropIndex(
                name: "ix_signatures_public_signers",
                table: "signatures");
        }
    }
}
