using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Lab.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialLab : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lab_idempotency_keys",
                columns: table => new
                {
                    LabId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", nullable: false),
                    ResponseStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponseBody = table.Column<string>(type: "TEXT", nullable: true),
                    ResponseLocation = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_idempotency_keys", x => new { x.LabId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "lab_labs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_labs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lab_patients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LabId = table.Column<long>(type: "INTEGER", nullable: false),
                    Mrn = table.Column<string>(type: "TEXT", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", nullable: false),
                    LastName = table.Column<string>(type: "TEXT", nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Sex = table.Column<string>(type: "TEXT", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", nullable: true),
                    Email = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_patients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lab_patients_lab_labs_LabId",
                        column: x => x.LabId,
                        principalTable: "lab_labs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lab_bills",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LabId = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", nullable: false),
                    Total = table.Column<double>(type: "REAL", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_bills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lab_bills_lab_patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "lab_patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lab_reports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LabId = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<long>(type: "INTEGER", nullable: false),
                    SampleId = table.Column<long>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Findings = table.Column<string>(type: "TEXT", nullable: false),
                    SignedBy = table.Column<string>(type: "TEXT", nullable: true),
                    SignedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    PdfSize = table.Column<long>(type: "INTEGER", nullable: true),
                    PdfSha256 = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lab_reports_lab_patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "lab_patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lab_samples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LabId = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<long>(type: "INTEGER", nullable: false),
                    BillId = table.Column<long>(type: "INTEGER", nullable: true),
                    Barcode = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    CollectedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_samples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lab_samples_lab_patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "lab_patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lab_bill_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BillId = table.Column<long>(type: "INTEGER", nullable: false),
                    TestCode = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_bill_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lab_bill_items_lab_bills_BillId",
                        column: x => x.BillId,
                        principalTable: "lab_bills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lab_report_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    IntegrationId = table.Column<long>(type: "INTEGER", nullable: false),
                    IntegrationName = table.Column<string>(type: "TEXT", nullable: false),
                    Vendor = table.Column<string>(type: "TEXT", nullable: false),
                    LogId = table.Column<string>(type: "TEXT", nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    PartnerReference = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_report_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lab_report_deliveries_lab_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "lab_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_lab_bill_items_BillId",
                table: "lab_bill_items",
                column: "BillId");

            migrationBuilder.CreateIndex(
                name: "IX_lab_bills_LabId_Number",
                table: "lab_bills",
                columns: new[] { "LabId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lab_bills_PatientId",
                table: "lab_bills",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_lab_idempotency_keys_CreatedAt",
                table: "lab_idempotency_keys",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_lab_labs_Code",
                table: "lab_labs",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lab_patients_LabId_Mrn",
                table: "lab_patients",
                columns: new[] { "LabId", "Mrn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lab_report_deliveries_ReportId",
                table: "lab_report_deliveries",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_lab_reports_PatientId",
                table: "lab_reports",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_lab_samples_LabId_Barcode",
                table: "lab_samples",
                columns: new[] { "LabId", "Barcode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lab_samples_PatientId",
                table: "lab_samples",
                column: "PatientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lab_bill_items");

            migrationBuilder.DropTable(
                name: "lab_idempotency_keys");

            migrationBuilder.DropTable(
                name: "lab_report_deliveries");

            migrationBuilder.DropTable(
                name: "lab_samples");

            migrationBuilder.DropTable(
                name: "lab_bills");

            migrationBuilder.DropTable(
                name: "lab_reports");

            migrationBuilder.DropTable(
                name: "lab_patients");

            migrationBuilder.DropTable(
                name: "lab_labs");
        }
    }
}
