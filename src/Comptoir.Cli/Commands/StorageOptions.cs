using System.CommandLine;

namespace Comptoir.Cli.Commands;

/// <summary>--data and --database, shared by serve and admin so both open the same database.</summary>
public sealed class StorageOptions
{
    public const string DatabaseVariable = "COMPTOIR_DATABASE";

    public Option<DirectoryInfo> Data { get; } = new("--data")
    {
        Description = "Data directory: the SQLite database and credentials.json live here.",
        DefaultValueFactory = _ => new DirectoryInfo("./data"),
    };

    public Option<string?> Database { get; } = new("--database")
    {
        Description = $"Database connection: a PostgreSQL connection string (Host=...;Database=... or postgresql://...) selects PostgreSQL; default SQLite in the data directory. Also read from {DatabaseVariable}.",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Data);
        command.Options.Add(Database);
    }

    public (string DataDirectory, string? Connection) Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var connection = parse.GetValue(Database) ?? Environment.GetEnvironmentVariable(DatabaseVariable);
        return (parse.GetValue(Data)!.FullName, string.IsNullOrWhiteSpace(connection) ? null : connection);
    }
}
