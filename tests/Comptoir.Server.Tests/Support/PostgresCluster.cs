using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Comptoir.Server.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster started from the system's binaries (initdb, pg_ctl) in a temporary folder, on a
/// free loopback port, with fsync off. One per test run; each test gets its own database in it. PostgreSQL refuses
/// to run as root, so as root the cluster runs as the 'postgres' system user the Debian package creates.
/// There is no skip: without PostgreSQL the storage tests fail, with a message saying what to install.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string _directory;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string directory, string bin, int port, bool asPostgresUser)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public static PostgresCluster Instance => Shared.Value;

    public int Port { get; }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true }.ToString();

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private static PostgresCluster Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run 'apt-get install postgresql' (scripts/install-prerequisites does).");
        }

        var asPostgresUser = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), "comptoir-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        if (asPostgresUser)
        {
            Run("chown", ["postgres:postgres", directory], asPostgresUser: false);
        }

        var port = FreePort();
        var cluster = new PostgresCluster(directory, bin, port, asPostgresUser);
        cluster.Tool("initdb", ["-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        cluster.Tool("pg_ctl", ["-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "log"), "-w", "-t", "60", "start",
            "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
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
            // Best effort: the folder is in /tmp.
        }
    }

    private void Tool(string name, string[] arguments) => Run(Path.Combine(_bin, name), arguments, _asPostgresUser);

    private static void Run(string file, string[] arguments, bool asPostgresUser)
    {
        var start = asPostgresUser ? new ProcessStartInfo("runuser") : new ProcessStartInfo(file);
        if (asPostgresUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
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
