using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analysis.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sessions_CreatedAt",
                table: "sessions");

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "sessions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                // Sessions stored before owners existed belong to the anonymous owner (AuthOptions.AnonymousOwner),
                // the owner of a development machine's first-run key and of every caller when Auth:Mode is None.
                defaultValue: "local");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_Owner_CreatedAt",
                table: "sessions",
                columns: new[] { "Owner", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_Owner_Status_CreatedAt",
                table: "sessions",
                columns: new[] { "Owner", "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sessions_Owner_CreatedAt",
                table: "sessions");

            migrationBuilder.DropIndex(
                name: "IX_sessions_Owner_Status_CreatedAt",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "sessions");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_CreatedAt",
                table: "sessions",
                column: "CreatedAt");
        }
    }
}
