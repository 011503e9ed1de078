using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <summary>
    /// PostgreSQL only: the JSON documents the application keeps (audit entries' before and after, approved snapshots,
    /// publications) are compressed with <c>lz4</c> instead of the default <c>pglz</c> when they are long enough to be.
    /// An imported project's audit entry is ~5 KB; compressing 10,000 of them with <c>pglz</c> cost the server ~0.2 s of a
    /// 10,000-project import, <c>lz4</c> about half of that (docs/performance.md). Values stored before keep their compression. A
    /// server built without <c>lz4</c> (or older than 14) keeps <c>pglz</c>: the migration goes on with a notice. The model
    /// does not change (no target model, snapshot unchanged).
    /// </summary>
    [DbContext(typeof(PostgreSqlAppDbContext))]
    [Migration("20261207220000_Lz4JsonColumns")]
    public partial class Lz4JsonColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Compression("lz4"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Compression("default"));

        /// <summary>The columns set to <paramref name="method"/>, or a notice when the server cannot.</summary>
        internal static string Compression(string method) => $"""
            DO $$
            BEGIN
                ALTER TABLE "AuditEntries" ALTER COLUMN "Before" SET COMPRESSION {method}, ALTER COLUMN "After" SET COMPRESSION {method};
                ALTER TABLE "Projects" ALTER COLUMN "ApprovedSnapshot" SET COMPRESSION {method};
                ALTER TABLE "DepartmentTables" ALTER COLUMN "ApprovedSnapshot" SET COMPRESSION {method};
                ALTER TABLE "Publications" ALTER COLUMN "Content" SET COMPRESSION {method}, ALTER COLUMN "Results" SET COMPRESSION {method};
            EXCEPTION WHEN feature_not_supported OR syntax_error THEN
                RAISE NOTICE 'compression {method} is not available on this server: %', SQLERRM;
            END
            $$;
            """;
    }
}
