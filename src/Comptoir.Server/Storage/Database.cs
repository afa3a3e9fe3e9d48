using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Comptoir.Server.Storage;

/// <summary>
/// Opens connections to the configured engine and runs units of work in transactions. The SQL is shared; the few
/// differences (row locking, blob type) are named here. A write transaction on SQLite starts with BEGIN IMMEDIATE,
/// which serialises writers across processes as PostgreSQL's row locks do; within a process SQLite writes go through
/// <see cref="SqliteGroupCommit"/>.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    // SQLite handles whose per-connection settings are made (pooled connections keep their handle).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> ConfiguredHandles = new();
    private static readonly object ConfiguredMarker = new();

    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;

    // SQLite: the connection string for every open after the first has succeeded. It no longer creates the file, so a
    // data directory that vanished or came back empty is an error (503) rather than a new, empty database.
    private readonly string? _existingFileConnectionString;
    private volatile bool _fileOpened;

    // A write started inside another write of the same flow would wait for itself on SQLite: refuse it loudly.
    private readonly AsyncLocal<bool> _inWrite = new();

    // SQLite has one writer at a time. Writers of this process queue here, in order and without sleeping, and share
    // transactions under load; only writers from other processes meet SQLite's busy handler.
    private readonly SqliteGroupCommit? _sqliteWrites;

    // SQLite reads run on kept connections whose statements stay compiled.
    private readonly SqliteReaderPool? _sqliteReads;

    // Every query goes through a Database, so this is the one place that sets Dapper's snake_case mapping
    // before anything runs (a store's static constructor was not enough: admin commands skipped it).
    static Database() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private Database(DatabaseKind kind, string connectionString)
    {
        Kind = kind;
        _connectionString = connectionString;
        if (kind == DatabaseKind.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
            {
                builder.Mode = SqliteOpenMode.ReadWrite;
            }

            _existingFileConnectionString = builder.ToString();
            _sqliteWrites = new SqliteGroupCommit(OpenAsync, _inWrite, _ => OnSqliteFault());
            _sqliteReads = new SqliteReaderPool(async cancellationToken => (SqliteConnection)await OpenAsync(cancellationToken).ConfigureAwait(false), _ => OnSqliteFault());
        }
    }

    public DatabaseKind Kind { get; }

    /// <summary>
    /// PostgreSQL connections per server process when the connection string does not say (Maximum Pool Size):
    /// twice the cores this process sees, at least 4. Set it when PostgreSQL runs on a machine with more cores.
    /// </summary>
    public static int DefaultMaxPoolSize { get; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>SQLite write transactions committed by this process and the units of work they carried; zeros on PostgreSQL.</summary>
    public (long Transactions, long Units) SqliteCommits => _sqliteWrites?.Committed ?? (0, 0);

    /// <summary>On SQLite, the wall-clock time its one writer has spent on writes so far; null on PostgreSQL.</summary>
    public TimeSpan? SqliteWriterBusy => _sqliteWrites?.Busy;

    /// <summary>The SQLite database file; null on PostgreSQL.</summary>
    public string? SqliteFilePath => _existingFileConnectionString is null ? null : new SqliteConnectionStringBuilder(_existingFileConnectionString).DataSource;

    /// <summary>A description safe to print (no password).</summary>
    public string Description { get; private init; } = string.Empty;

    /// <summary>"FOR UPDATE SKIP LOCKED" on PostgreSQL; nothing on SQLite, where the write transaction already excludes others.</summary>
    public string ForUpdateSkipLocked => Kind == DatabaseKind.Postgres ? " FOR UPDATE SKIP LOCKED" : string.Empty;

    /// <summary>"FOR UPDATE" on PostgreSQL; nothing on SQLite.</summary>
    public string ForUpdate => Kind == DatabaseKind.Postgres ? " FOR UPDATE" : string.Empty;

    /// <summary>"FOR KEY SHARE" on PostgreSQL (the row may not be deleted until this commits); nothing on SQLite.</summary>
    public string ForKeyShare => Kind == DatabaseKind.Postgres ? " FOR KEY SHARE" : string.Empty;

    /// <summary>
    /// A PostgreSQL connection string (key=value with Host, or a postgres:// URL) selects PostgreSQL; anything else
    /// is a SQLite file path or connection string; null means SQLite in <paramref name="dataDirectory"/>.
    /// </summary>
    public static Database Open(string? connection, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            Directory.CreateDirectory(dataDirectory);
            return Sqlite(Path.Combine(dataDirectory, "comptoir.db"));
        }

        if (connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(FromUrl(connection));
        }

        if (connection.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connection.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(connection);
        }

        return connection.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new Database(DatabaseKind.Sqlite, connection) { Description = $"SQLite {SqliteLibrary.Version}, {connection}" }
            : Sqlite(connection);
    }

    public static Database Sqlite(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 };
        return new Database(DatabaseKind.Sqlite, builder.ToString()) { Description = $"SQLite {SqliteLibrary.Version}, {Path.GetFullPath(path)}" };
    }

    public static Database Postgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // The defaults below apply unless the connection string names the setting, under any of its spellings.
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        if (!named.Contains("MAXAUTOPREPARE"))
        {
            // The statements a server runs thousands of times are then parsed and planned once per connection
            // (Npgsql's automatic preparation): POST /v2/client_invoices about +20% (docs/benchmarks.md). A
            // connection string that sets Max Auto Prepare, 0 included, is left as it is.
            builder.MaxAutoPrepare = 64;
        }

        if (!named.Contains("MAXIMUMPOOLSIZE") && !named.Contains("MAXPOOLSIZE"))
        {
            // PostgreSQL serves most when about twice as many statements run at once as it has cores; more
            // backends only take turns on the CPU, and a backend holding a lock while it waits for its turn stalls
            // every request behind it. Requests beyond the pool wait in the process, in order (docs/decisions/0012).
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!named.Contains("NORESETONCLOSE"))
        {
            // A connection going back to the pool is not reset (RESET ALL and the rest, run before its next use):
            // the server keeps no session state (no SET, LISTEN or temporary table; its advisory lock is
            // transaction-scoped), and the reset was a visible part of PostgreSQL's CPU per request.
            builder.NoResetOnClose = true;
        }

        return new Database(DatabaseKind.Postgres, builder.ToString()) { Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}" };
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_fileOpened ? _existingFileConnectionString : _connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        _fileOpened = true;
        // Pooled connections keep their SQLite handle, and the settings with it: configure each handle once.
        if (ConfiguredHandles.TryGetValue(connection.Handle!, out _))
        {
            return connection;
        }

        // Before anything can meet a lock: connections wait for each other in milliseconds (see SqliteBusyWait).
        SqliteBusyWait.Install(connection.Handle!);
        using var pragma = connection.CreateCommand();
        // WAL lets readers run beside the writer. secure_delete off, as the bundled library builds it, said here
        // rather than left to a build option: on, every replaced draft PDF is zero-filled (in the load benchmark
        // 10,000 drafts took 42 s to store instead of 35 s).
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=OFF;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        ConfiguredHandles.AddOrUpdate(connection.Handle!, ConfiguredMarker);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and returns once it is committed. On SQLite the transaction
    /// may be shared with other writes of this process (see <see cref="SqliteGroupCommit"/>); the work's own changes
    /// are rolled back if it throws. Retries when the database is busy.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_sqliteWrites is null)
        {
            return WriteOnceAsync(work, cancellationToken);
        }

        if (_inWrite.Value)
        {
            throw new InvalidOperationException("A database write was started inside another write; do the inner work before or after the transaction.");
        }

        return _sqliteWrites.RunAsync(work, cancellationToken);
    }

    /// <summary>
    /// Runs statements as one transaction and returns once it is committed: all of them or none. On PostgreSQL they
    /// go as one command, which Npgsql sends as one batch and PostgreSQL runs as one implicit transaction: one round
    /// trip, no BEGIN or COMMIT. On SQLite they run one by one in a write like <see cref="WriteAsync"/>, each on its
    /// kept compiled statement. For writes whose every value is known before they start; parameter names must not
    /// repeat across the statements.
    /// </summary>
    public Task ExecuteAtomicallyAsync(IReadOnlyList<(string Sql, object Parameters)> statements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentOutOfRangeException.ThrowIfZero(statements.Count);
        if (_postgres is null)
        {
            return WriteAsync(async (c, t) =>
            {
                foreach (var (sql, parameters) in statements)
                {
                    await c.ExecuteAsync(sql, parameters, t).ConfigureAwait(false);
                }

                return 0;
            }, cancellationToken);
        }

        var text = string.Join("; ", statements.Select(s => s.Sql));
        var merged = new DynamicParameters();
        foreach (var (_, parameters) in statements)
        {
            merged.AddDynamicParams(parameters);
        }

        return WithRetriesAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await connection.ExecuteAsync(new CommandDefinition(text, merged, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }, cancellationToken);
    }

    // PostgreSQL: one transaction per unit of work, retried on serialization failures and deadlocks.
    private Task<T> WriteOnceAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WithRetriesAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    var result = await work(connection, transaction).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
                catch (PostgresException e) when (IsRetryable(e))
                {
                    await SafeRollback(transaction).ConfigureAwait(false);
                    throw;
                }
            }
        }, cancellationToken);

    // A PostgreSQL transaction that failed on a serialization failure or a deadlock is run again, up to 20 times.
    private static async Task<T> WithRetriesAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (PostgresException e) when (IsRetryable(e) && number < 20)
            {
                await Task.Delay(5 * number, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsRetryable(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;

    /// <summary>Runs a read on a connection of its own (on SQLite, one kept open with its statements compiled).</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_sqliteReads is not null)
        {
            return await _sqliteReads.ReadAsync(work, cancellationToken).ConfigureAwait(false);
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    /// <summary>True when the exception is a unique-constraint violation on either engine.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>True when the exception is a foreign-key violation on either engine.</summary>
    public static bool IsForeignKeyViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("FOREIGN KEY", StringComparison.OrdinalIgnoreCase),
        PostgresException p => p.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    // A SQLite connection met a storage fault (see StorageFailures.IsSqliteFault): the file may be gone, read-only or
    // replaced, so no connection opened before is trusted. Idle handles in the driver's pool are closed, and the
    // kept readers are replaced as their reads end; each opens the file at its path afresh.
    private void OnSqliteFault()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        SqliteConnection.ClearPool(new SqliteConnection(_existingFileConnectionString));
        _sqliteReads?.Reset();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _sqliteWrites!.Dispose();
            await _sqliteReads!.DisposeAsync().ConfigureAwait(false);
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task SafeRollback(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The connection is discarded anyway.
        }
    }

    private static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.TrimStart('/'),
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        return builder.ToString();
    }
}
