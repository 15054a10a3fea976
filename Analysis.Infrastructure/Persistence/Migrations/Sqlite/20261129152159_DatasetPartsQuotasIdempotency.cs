using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analysis.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DatasetPartsQuotasIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DatasetBytes",
                table: "sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Stored",
                table: "sessions",
                type: "INTEGER",
                nullable: false,
                // Every session stored before this migration is complete.
                defaultValue: true);

            // A column in parts: "Part" joins the primary key. SQLite cannot change a primary key, so the table is rebuilt,
            // written out here rather than left to EF, whose rebuild turns foreign keys off (PRAGMA foreign_keys, which
            // cannot run inside the migration's transaction) and warns at every first start. Nothing references this
            // table, so dropping the old one inside the transaction, foreign keys on, cascades nothing.
            migrationBuilder.Sql(
                """
                CREATE TABLE "ef_temp_session_dataset_columns" (
                    "SessionId" TEXT NOT NULL,
                    "Ordinal" INTEGER NOT NULL,
                    "Part" INTEGER NOT NULL,
                    "Data" BLOB NOT NULL,
                    CONSTRAINT "PK_session_dataset_columns" PRIMARY KEY ("SessionId", "Ordinal", "Part"),
                    CONSTRAINT "FK_session_dataset_columns_sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "sessions" ("Id") ON DELETE CASCADE
                );
                INSERT INTO "ef_temp_session_dataset_columns" ("SessionId", "Ordinal", "Part", "Data")
                SELECT "SessionId", "Ordinal", 0, "Data" FROM "session_dataset_columns";
                DROP TABLE "session_dataset_columns";
                ALTER TABLE "ef_temp_session_dataset_columns" RENAME TO "session_dataset_columns";
                """);

            // The storage quota counts what each session's dataset takes.
            migrationBuilder.Sql(
                """
                UPDATE sessions SET DatasetBytes = (SELECT COALESCE(SUM(length(Data)), 0) FROM session_dataset_columns c WHERE c.SessionId = sessions.Id);
                """);

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
