using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveredListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_signatures_delivered_list",
                table: "signatures",
                columns: new[] { "petition_id", "signed_at", "id" },
                filter: "status = 'Confirmed' AND flagged_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_signatures_delivered_list",
                table: "signatures");
        }
    }
}
