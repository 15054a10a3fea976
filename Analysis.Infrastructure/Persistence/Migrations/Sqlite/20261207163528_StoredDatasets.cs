using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analysis.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoredDatasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SchemaJson = table.Column<string>(type: "TEXT", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContentKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    NaStringsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Kept = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Stored = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dataset_columns",
                columns: table => new
                {
                    DatasetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Part = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dataset_columns", x => new { x.DatasetId, x.Ordinal, x.Part });
                    table.ForeignKey(
                        name: "FK_dataset_columns_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every session so far had a dataset of its own: it becomes a dataset under the session's id, made by an
            // inline upload (erased with its session), its columns moved, not copied twice. No hash is known for them.
            // (No foreign key from sessions to datasets on SQLite: adding one rebuilds the sessions table, which
            // results reference; its single writer makes a create on a dataset and the dataset's delete take turns.)
            migrationBuilder.AddColumn<Guid>(
                name: "DatasetId",
                table: "sessions",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.Sql(
                """
                INSERT INTO "datasets" ("Id", "Owner", "Name", "Format", "SchemaJson", "Bytes", "Sha256", "ContentKey", "NaStringsJson", "Kept", "CreatedAt", "LastUsedAt", "Stored")
                SELECT "Id", "Owner", "Name", 'csv', "DatasetJson", "DatasetBytes", NULL, NULL, '["","NA","NaN","null"]', 0, "CreatedAt", "UpdatedAt", "Stored" FROM "sessions";
                INSERT INTO "dataset_columns" ("DatasetId", "Ordinal", "Part", "Data")
                SELECT "SessionId", "Ordinal", "Part", "Data" FROM "session_dataset_columns";
                UPDATE "sessions" SET "DatasetId" = "Id";
                DROP TABLE "session_dataset_columns";
                ALTER TABLE "sessions" DROP COLUMN "DatasetBytes";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_DatasetId_CreatedAt",
                table: "sessions",
                columns: new[] { "DatasetId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_LastUsedAt",
                table: "datasets",
                column: "LastUsedAt");

            migrationBuilder.CreateIndex(
                name: "IX_datasets_Owner_ContentKey",
                table: "datasets",
                columns: new[] { "Owner", "ContentKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_datasets_Owner_CreatedAt",
                table: "datasets",
                columns: new[] { "Owner", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dataset_columns");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropIndex(
                name: "IX_sessions_DatasetId_CreatedAt",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "DatasetId",
                table: "sessions");

            migrationBuilder.AddColumn<long>(
                name: "DatasetBytes",
                table: "sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "session_dataset_columns",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Part = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_session_dataset_columns", x => new { x.SessionId, x.Ordinal, x.Part });
                    table.ForeignKey(
                        name: "FK_session_dataset_columns_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }
    }
}
