using Npgsql;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// What every instance on one PostgreSQL database hears when a project or a unit changes: the database's own triggers
/// (migration <c>ChangeNotifications</c>) send <c>NOTIFY pt_changes</c> for every updated or deleted project row (payload
/// <c>Projects:{id}</c>) and every statement that updates or deletes units (payload <c>Units</c>), whoever writes them
/// (any instance, the command line, a bulk path, psql), and PostgreSQL delivers them when the writing transaction commits.
/// This service listens on a connection of its own and tells <see cref="Changed"/>; memories that remember what the
/// database says (<c>GoalTableHeaders</c>) serve from memory only while it is <see cref="Live"/>, so several instances
/// agree without asking the database on every view.
/// </summary>
/// <remarks>
/// When the connection is lost, or before it is first open, the feed is not live and <see cref="Changed"/> is told
/// <c>null</c> (everything may have changed); it connects again after a pause, and is live again once it listens. Only
/// registered as a hosted service on PostgreSQL; elsewhere it is never live. The listening connection sends keep-alives,
/// so a silently dropped one is noticed within about a minute.
/// </remarks>
public sealed class PostgresChangeFeed(ILogger<PostgresChangeFeed> logger) : BackgroundService
{
    /// <summary>The channel the triggers notify.</summary>
    public const string Channel = "pt_changes";

    /// <summary>The payload prefix of a project's row (followed by its id).</summary>
    public const string ProjectPrefix = "Projects:";

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    private volatile bool _live;

    /// <summary>The connection string listened on; set before the service starts (PostgreSQL only).</summary>
    internal string? ConnectionString { get; set; }

    /// <summary>Whether notifications are being received now: a memory may serve what it holds only while this is true.</summary>
    public bool Live
    {
        get => _live;
        internal set => _live = value;
    }

    /// <summary>
    /// Told each notification's payload as it arrives, or <c>null</c> when the feed stops or starts listening (anything may have
    /// changed unheard). Called on the listening thread: handlers must be quick and must not throw.
    /// </summary>
    public event Action<string?>? Changed;

    /// <summary>Tells <see cref="Changed"/> what was heard (a notification's payload, or null for anything).</summary>
    internal void Publish(string? payload) => Changed?.Invoke(payload);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ConnectionString is null)
        {
            return;
        }

        var listening = new NpgsqlConnectionStringBuilder(ConnectionString) { KeepAlive = 30, Pooling = false, MaxAutoPrepare = 0 }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listening);
                connection.Notification += (_, e) => Publish(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever changed before this point went unheard: forget it, then trust what is heard from now on.
                Publish(null);
                Live = true;
                logger.LogInformation("Listening for changes on PostgreSQL channel {Channel}", Channel);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                logger.LogWarning(ex, "Lost the PostgreSQL change feed; serving from the database until it is back");
            }
            finally
            {
                Live = false;
                Publish(null);
            }

            try
            {
                await Task.Delay(Retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
