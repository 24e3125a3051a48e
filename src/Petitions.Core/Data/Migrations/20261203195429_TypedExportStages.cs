using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TypedExportStages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "failure",
                table: "export_jobs",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "volume_count",
                table: "export_jobs",
                type: "integer",
                nullable: true);

            // The stage was an English sentence, and a failure its exception's message, so that old jobs
            // go on showing as they did. Queued and finished jobs take their stage from their status;
            // a running job's sentence becomes its stage, and one not known here "Starting", as the
            // job is run again from the beginning anyway. The two failures foreseen become their
            // codes; any other keeps its message, which the page shows as it is.
            migrationBuilder.Sql(@"
                UPDATE export_jobs SET
                    volume_count = CASE
                        WHEN status = 'Running' AND stage = 'Writing the PDF' THEN 1
                        WHEN status = 'Running' AND stage ~ '^Writing the PDF in \d+ volumes$' THEN substring(stage FROM '\d+')::integer
                    END,
                    stage = CASE
                        WHEN status = 'Queued' THEN 'Waiting'
                        WHEN status = 'Done' THEN 'Done'
                        WHEN status = 'Failed' THEN 'Failed'
                        WHEN stage = 'Counting and hashing the list' THEN 'Counting'
                        WHEN stage = 'Writing the CSV' THEN 'WritingCsv'
                        WHEN stage = 'Writing the staff CSV' THEN 'WritingStaffCsv'
                        WHEN stage ~ '^Writing the PDF( in \d+ volumes)?$' THEN 'WritingPdf'
                        ELSE 'Starting'
                    END,
                    failure = CASE
                        WHEN status <> 'Failed' THEN NULL
                        WHEN error = 'The petition no longer exists.' THEN 'PetitionMissing'
                        WHEN error ~ '^The export was started \d+ times without finishing\.$' THEN 'TooManyAttempts'
                        ELSE 'Unexpected'
                    END,
                    error = CASE
                        WHEN status = 'Failed' AND (error = 'The petition no longer exists.'
                            OR error ~ '^The export was started \d+ times without finishing\.$') THEN NULL
                        ELSE error
                    END;
                ");

            migrationBuilder.AlterColumn<string>(
                name: "stage",
                table: "export_jobs",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "stage",
                table: "export_jobs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.Sql(@"
                UPDATE export_jobs SET
                    stage = CASE stage
                        WHEN 'Waiting' THEN 'Waiting to start'
                        WHEN 'Counting' THEN 'Counting and hashing the list'
                        WHEN 'WritingCsv' THEN 'Writing the CSV'
                        WHEN 'WritingStaffCsv' THEN 'Writing the staff CSV'
                        WHEN 'WritingPdf' THEN CASE WHEN volume_count > 1
                            THEN 'Writing the PDF in ' || volume_count || ' volumes' ELSE 'Writing the PDF' END
                        ELSE stage
                    END,
                    error = CASE failure
                        WHEN 'PetitionMissing' THEN 'The petition no longer exists.'
                        WHEN 'TooManyAttempts' THEN 'The export was started 3 times without finishing.'
                        ELSE error
                    END;
                ");

            migrationBuilder.DropColumn(
                name: "failure",
                table: "export_jobs");

            migrationBuilder.DropColumn(
                name: "volume_count",
                table: "export_jobs");
        }
    }
}
