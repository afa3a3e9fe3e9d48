using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Comptoir.Bench;

/// <summary>
/// The benchmark's own throwaway PostgreSQL cluster, from the system's binaries (initdb, pg_ctl) in /tmp/comptoir-pg-*
/// (on disk here, not tmpfs; scripts/stop-test-clusters removes what a killed run leaves), on a free loopback port,
/// as the 'postgres' system user when run as root.
/// <para>
/// Durable (the default) keeps what a production server runs with: fsync, synchronous_commit and full_page_writes on,
/// so a COMMIT returns once its WAL is on disk. Fast turns the three off, as the tests' cluster does
/// (tests/Comptoir.Server.Tests/Support/PostgresCluster.cs): an acknowledged write may then be lost in a crash, so its
/// figures say what the server and PostgreSQL cost in CPU, not what a deployment gets.
/// </para>
/// </summary>
internal sealed class BenchPostgresCluster
{
    private static readonly string[] FastSettings = ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"];
    private static BenchPostgresCluster? _current;
    private readonly string _directory;
    private readonly string _bin;
    private readonly int _port;
    private readonly bool _fast;

    private BenchPostgresCluster(string directory, string bin, int port, bool fast)
    {
        _directory = directory;
        _bin = bin;
        _port = port;
        _fast = fast;
    }

    /// <summary>The cluster of this run, started on first use, durable unless <paramref name="fast"/>.</summary>
    public static BenchPostgresCluster Get(bool fast)
    {
        if (_current is null)
        {
            _current = Start(fast);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _current.Stop();
        }

        return _current._fast == fast ? _current : throw new InvalidOperationException("One benchmark run uses one kind of cluster.");
    }

    /// <summary>The postmaster's process id: its children are the backends and background workers whose CPU a benchmark adds up.</summary>
    public int PostmasterPid() =>
        int.Parse(File.ReadLines(Path.Combine(_directory, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "bench_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    /// <summary>The settings that decide durability, as the running cluster reports them, e.g. "fsync=on synchronous_commit=on full_page_writes=on".</summary>
    public string DurabilitySettings()
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')";
        return (string)command.ExecuteScalar()!;
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database }.ToString();

    private static BenchPostgresCluster Start(bool fast)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run scripts/install-prerequisites.");
        }

        var directory = Directory.CreateTempSubdirectory("comptoir-pg-bench-").FullName;
        if (Environment.UserName == "root")
        {
            Run("chown", ["postgres:postgres", directory]);
        }

        var cluster = new BenchPostgresCluster(directory, bin, FreePort(), fast);
        var data = Path.Combine(directory, "data");
        cluster.Tool("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
        var options = $"-p {cluster._port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300";
        cluster.Tool("pg_ctl", ["-D", data, "-l", Path.Combine(directory, "log"), "-w", "-t", "60", "start", "-o", fast ? $"{options} {string.Join(' ', FastSettings)}" : options]);
        return cluster;
    }

    private void Stop()
    {
        try
        {
            Tool("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"could not remove the benchmark's PostgreSQL cluster in {_directory}: {e.Message}");
        }
    }

    private void Tool(string name, string[] arguments) =>
        Run(Environment.UserName == "root" ? "runuser" : Path.Combine(_bin, name),
            Environment.UserName == "root" ? ["-u", "postgres", "--", Path.Combine(_bin, name), .. arguments] : arguments);

    private static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
