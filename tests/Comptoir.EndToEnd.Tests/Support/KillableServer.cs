using System.Text.Json;
using Comptoir.FacturX.Tests.Support;
using Comptoir.Server.Tests.Support;

namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>
/// `comptoir serve` on one data directory (and one PostgreSQL database for "postgres"), started again on the same
/// data after each SIGKILL. The process is started as `dotnet comptoir.dll`, which runs the server in that very
/// process, so the kill hits the server's own PID.
/// </summary>
public sealed class KillableServer : IAsyncDisposable
{
    private readonly string[] _storage;
    private ComptoirProcess? _current;

    private KillableServer(string engine, string dataDirectory, string? database)
    {
        Engine = engine;
        DataDirectory = dataDirectory;
        Database = database;
        _storage = database is null ? ["--data", dataDirectory] : ["--data", dataDirectory, "--database", database];
    }

    public string Engine { get; }

    public string DataDirectory { get; }

    /// <summary>The PostgreSQL connection string; null on SQLite (in the data directory).</summary>
    public string? Database { get; }

    public ComptoirProcess Current => _current ?? throw new InvalidOperationException("The server is not running.");

    /// <summary>A fresh data directory and, for "postgres", a fresh database in the throwaway cluster.</summary>
    public static KillableServer Create(string engine) => new(
        engine,
        Directory.CreateTempSubdirectory("comptoir-durability-").FullName,
        engine == "postgres" ? PostgresCluster.Instance.CreateDatabase() : null);

    /// <summary>Starts `comptoir serve` on the same data, with <paramref name="extra"/> options.</summary>
    public async Task<ComptoirProcess> StartAsync(params string[] extra)
    {
        // The rate limits are the public API's; the load must measure durability, not meet a 429.
        string[] options = [.. _storage.Skip(2), "--requests-per-10s", "1000000", "--requests-per-10min", "1000000", .. extra];
        _current = await ComptoirProcess.StartAsync(DataDirectory, options);
        return _current;
    }

    /// <summary>SIGKILL, then the dead process's leases are let run out (see <see cref="DeadProcessLeases"/>).</summary>
    public async Task<DeadProcessLeases.Expired> KillAsync()
    {
        var process = Current;
        await process.CrashAsync();
        await process.DisposeAsync();
        _current = null;
        return await DeadProcessLeases.ExpireAsync(Database, DataDirectory);
    }

    /// <summary>`comptoir admin jobs list --json`: every job of the database.</summary>
    public IReadOnlyList<JsonElement> ListJobs()
    {
        var result = ExternalTool.Run("dotnet", [ComptoirProcess.Executable, "admin", "jobs", "list", "--json", "--limit", "1000000", .. _storage], TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"comptoir admin jobs list failed ({result.ExitCode}): {result.Error}{result.Output}");
        }

        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.StopAsync();
            await _current.DisposeAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}
