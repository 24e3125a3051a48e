using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class InputChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddCheckConstraint(
                name: "ck_signatures_email_one_word",
                table: "signatures",
                sql: "email !~ '[\\x01-\\x20\\x7f]'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_outbox_messages_to_address_one_word",
                table: "outbox_messages",
                sql: "to_address !~ '[\\x01-\\x20\\x7f]'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_signatures_email_one_word",
                table: "signatures");

            migrationBuilder.DropCheckConstraint(
                name: "ck_outbox_messages_to_address_one_word",
                table: "outbox_messages");
        }
    }
}
