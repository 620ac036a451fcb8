using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Lab.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TitleKey",
                table: "lab_reports",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LastNameKey",
                table: "lab_patients",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "lab_patients",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Rows written before the keys existed: filled once here (SQLite's lower() folds ASCII only); every later save sets them in the lab's context.
            migrationBuilder.Sql("""
                UPDATE lab_patients SET NameKey = substr(lower(trim(FirstName || ' ' || LastName)), 1, 200), LastNameKey = substr(lower(trim(LastName)), 1, 200);
                """);
            migrationBuilder.Sql("""
                UPDATE lab_reports SET TitleKey = substr(lower(trim(Title)), 1, 200);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_lab_reports_LabId_TitleKey",
                table: "lab_reports",
                columns: new[] { "LabId", "TitleKey" });

            migrationBuilder.CreateIndex(
                name: "IX_lab_patients_LabId_LastNameKey",
                table: "lab_patients",
                columns: new[] { "LabId", "LastNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_lab_patients_LabId_NameKey",
                table: "lab_patients",
                columns: new[] { "LabId", "NameKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_lab_reports_LabId_TitleKey",
                table: "lab_reports");

            migrationBuilder.DropIndex(
                name: "IX_lab_patients_LabId_LastNameKey",
                table: "lab_patients");

            migrationBuilder.DropIndex(
                name: "IX_lab_patients_LabId_NameKey",
                table: "lab_patients");

            migrationBuilder.DropColumn(
                name: "TitleKey",
                table: "lab_reports");

            migrationBuilder.DropColumn(
                name: "LastNameKey",
                table: "lab_patients");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "lab_patients");
        }
    }
}
