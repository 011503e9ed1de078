using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <summary>
    /// PostgreSQL only: triggers that notify <c>pt_changes</c> when a project row is updated or deleted (payload
    /// <c>Projects:{id}</c>) and when units are updated or deleted (<c>Units</c>), whoever writes them; every instance hears
    /// them through <see cref="PostgresChangeFeed"/>. The model does not change (no target model, snapshot unchanged).
    /// </summary>
    [DbContext(typeof(PostgreSqlAppDbContext))]
    [Migration("20261207103000_ChangeNotifications")]
    public partial class ChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION pt_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_LEVEL = 'ROW' THEN
                        PERFORM pg_notify('pt_changes', TG_TABLE_NAME || ':' || OLD."Id");
                    ELSE
                        PERFORM pg_notify('pt_changes', TG_TABLE_NAME);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER pt_projects_changed AFTER UPDATE OR DELETE ON "Projects" FOR EACH ROW EXECUTE FUNCTION pt_notify_change();
                CREATE TRIGGER pt_units_changed AFTER UPDATE OR DELETE ON "Units" FOR EACH STATEMENT EXECUTE FUNCTION pt_notify_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER pt_units_changed ON "Units";
                DROP TRIGGER pt_projects_changed ON "Projects";
                DROP FUNCTION pt_notify_change();
                """);
        }
    }
}
