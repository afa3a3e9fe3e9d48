namespace Comptoir.Server.Storage;

/// <summary>The two storage engines: SQLite embedded by default, PostgreSQL for production and several processes.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
