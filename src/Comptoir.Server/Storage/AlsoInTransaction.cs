using System.Data.Common;

namespace Comptoir.Server.Storage;

/// <summary>
/// Work a caller adds to a store's write, given what the write produced: it runs in the same transaction, so it
/// commits with the change or rolls back with it (an exception from it rolls the change back). The idempotency
/// layer uses it to store a request's reply with the write it answers.
/// </summary>
public delegate Task AlsoInTransaction<in T>(DbConnection connection, DbTransaction transaction, T written);

public static class AlsoInTransactionExtensions
{
    /// <summary>Runs the hook when there is one.</summary>
    public static Task RunAsync<T>(this AlsoInTransaction<T>? hook, DbConnection connection, DbTransaction transaction, T written) =>
        hook is null ? Task.CompletedTask : hook(connection, transaction, written);
}
