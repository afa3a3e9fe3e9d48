using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Comptoir.Server.Storage;

/// <summary>
/// A SQLite connection (the writer's, and each kept reader's) that keeps each statement it runs compiled for the
/// next time. Microsoft.Data.Sqlite 6 compiles a statement afresh for every new command, and Dapper makes a new
/// command for every call: on the one thread every write waits for, compiling the 17-column invoice INSERT (with the
/// trigger it fires) was about 70 of its 260 microseconds. Commands handed out by <see cref="CreateDbCommand"/> take
/// a compiled statement of the same text when one is idle, with its parameters cleared, and give it back when
/// disposed. One thread uses it at a time.
/// </summary>
internal sealed class StatementCachingConnection(SqliteConnection inner) : DbConnection
{
    private const int MaxStatements = 256; // texts beyond this many (dynamic SQL) are compiled each time, as before
    private readonly Dictionary<string, SqliteCommand> _idle = new(StringComparer.Ordinal);

    public SqliteConnection Inner => inner;

    /// <summary>Compiled statements waiting for their next use (for tests).</summary>
    public int IdleStatements => _idle.Count;

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => inner.ConnectionString = value;
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Close() => inner.Close();

    public override void Open() => inner.Open();

    internal SqliteCommand Rent(string text)
    {
        if (text.Length > 0 && _idle.Remove(text, out var idle))
        {
            return idle;
        }

        var command = inner.CreateCommand();
        command.CommandText = text;
        return command;
    }

    internal void Return(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (command.CommandText.Length == 0 || _idle.Count >= MaxStatements || !_idle.TryAdd(command.CommandText, command))
        {
            command.Dispose();
        }
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new ReusedCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _idle.Values)
            {
                command.Dispose();
            }

            _idle.Clear();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A command over a rented compiled statement; the statement is rented when the text is set.</summary>
    private sealed class ReusedCommand(StatementCachingConnection owner) : DbCommand
    {
        private SqliteCommand? _statement;
        private SqliteTransaction? _transaction;
        private int? _timeout;

        [AllowNull]
        public override string CommandText
        {
            get => _statement?.CommandText ?? string.Empty;
            set
            {
                value ??= string.Empty;
                if (_statement is not null && _statement.CommandText == value)
                {
                    return;
                }

                // Parameters added before the text changes go with it: Dapper expands `IN @ids` by rewriting the
                // text after it has added the expanded parameters.
                var parameters = _statement is { Parameters.Count: > 0 } previous ? previous.Parameters.Cast<SqliteParameter>().ToArray() : [];
                Release();
                _statement = owner.Rent(value);
                _statement.Parameters.AddRange(parameters);
                _statement.Transaction = _transaction;
                if (_timeout is { } timeout)
                {
                    _statement.CommandTimeout = timeout;
                }
            }
        }

        public override int CommandTimeout
        {
            get => _statement?.CommandTimeout ?? _timeout ?? 30;
            set
            {
                _timeout = value;
                _statement?.CommandTimeout = value;
            }
        }

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                {
                    throw new ArgumentException("SQLite runs text commands only.", nameof(value));
                }
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => owner;
            set => throw new NotSupportedException("A command of the writer's connection stays on it.");
        }

        protected override DbParameterCollection DbParameterCollection => Statement.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => _transaction;
            set
            {
                _transaction = (SqliteTransaction?)value;
                _statement?.Transaction = _transaction;
            }
        }

        private SqliteCommand Statement => _statement ??= Rented();

        public override void Cancel() => _statement?.Cancel();

        public override int ExecuteNonQuery() => Statement.ExecuteNonQuery();

        public override object? ExecuteScalar() => Statement.ExecuteScalar();

        public override void Prepare() => Statement.Prepare();

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Statement.ExecuteReader(behavior);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Release();
            }

            base.Dispose(disposing);
        }

        private SqliteCommand Rented()
        {
            var statement = owner.Rent(string.Empty);
            statement.Transaction = _transaction;
            return statement;
        }

        private void Release()
        {
            if (_statement is not null)
            {
                owner.Return(_statement);
                _statement = null;
            }
        }
    }
}
