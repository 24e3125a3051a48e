using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModerationQueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_signatures_flagged",
                table: "signatures",
                columns: new[] { "petition_id", "id" },
                filter: "flagged_at IS NOT NULL AND status <> 'Invalidated'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_signatures_flagged",
                table: "signatures");
        }
    }
}
