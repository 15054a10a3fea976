using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analysis.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DatasetPartsQuotasIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_session_dataset_columns",
                table: "session_dataset_columns");

            migrationBuilder.AddColumn<long>(
                name: "DatasetBytes",
                table: "sessions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Stored",
                table: "sessions",
                type: "boolean",
                nullable: false,
                // Every session stored before this migration is complete.
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "Part",
                table: "session_dataset_columns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_session_dataset_columns",
                table: "session_dataset_columns",
                columns: new[] { "SessionId", "Ordinal", "Part" });

            // The storage quota counts what each session's dataset takes.
            migrationBuilder.Sql(
                """
                UPDATE sessions SET "DatasetBytes" = COALESCE((SELECT SUM(octet_length(c."Data")) FROM session_dataset_columns c WHERE c."SessionId" = sessions."Id"), 0);
                """);

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => new { x.Owner, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_keys_CreatedAt",
                table: "idempotency_keys",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropPrimaryKey(
                name: "PK_session_dataset_columns",
                table: "session_dataset_columns");

            migrationBuilder.DropColumn(
                name: "DatasetBytes",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "Stored",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "Part",
                table: "session_dataset_columns");

            migrationBuilder.AddPrimaryKey(
                name: "PK_session_dataset_columns",
                table: "session_dataset_columns",
                columns: new[] { "SessionId", "Ordinal" });
        }
    }
}
