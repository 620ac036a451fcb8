using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IntegrationHub.Lab.PostgreSql.Migrations
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
                    LabId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Operation = table.Column<string>(type: "text", nullable: false),
                    RequestHash = table.Column<string>(type: "text", nullable: false),
                    ResponseStatus = table.Column<int>(type: "integer", nullable: true),
                    ResponseBody = table.Column<string>(type: "text", nullable: true),
                    ResponseLocation = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_idempotency_keys", x => new { x.LabId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "lab_labs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lab_labs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lab_patients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LabId = table.Column<long>(type: "bigint", nullable: false),
                    Mrn = table.Column<string>(type: "text", nullable: false),
                    FirstName = table.Column<string>(type: "text", nullable: false),
                    LastName = table.Column<string>(type: "text", nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Sex = table.Column<string>(type: "text", nullable: false),
                    Phone = table.Column<string>(type: "text", nullable: true),
                    Email = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LabId = table.Column<long>(type: "bigint", nullable: false),
                    PatientId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<string>(type: "text", nullable: false),
                    Currency = table.Column<string>(type: "text", nullable: false),
                    Total = table.Column<double>(type: "double precision", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LabId = table.Column<long>(type: "bigint", nullable: false),
                    PatientId = table.Column<long>(type: "bigint", nullable: false),
                    SampleId = table.Column<long>(type: "bigint", nullable: true),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Findings = table.Column<string>(type: "text", nullable: false),
                    SignedBy = table.Column<string>(type: "text", nullable: true),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PdfSize = table.Column<long>(type: "bigint", nullable: true),
                    PdfSha256 = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LabId = table.Column<long>(type: "bigint", nullable: false),
                    PatientId = table.Column<long>(type: "bigint", nullable: false),
                    BillId = table.Column<long>(type: "bigint", nullable: true),
                    Barcode = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    CollectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BillId = table.Column<long>(type: "bigint", nullable: false),
                    TestCode = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    UnitPrice = table.Column<double>(type: "double precision", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    IntegrationId = table.Column<long>(type: "bigint", nullable: false),
                    IntegrationName = table.Column<string>(type: "text", nullable: false),
                    Vendor = table.Column<string>(type: "text", nullable: false),
                    LogId = table.Column<string>(type: "text", nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    PartnerReference = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
