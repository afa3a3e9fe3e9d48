using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Comptoir.Client;
using Comptoir.Client.Models;

namespace Comptoir.Cli.Commands;

/// <summary>
/// comptoir sync client-invoices | supplier-invoices | transactions: the public API's sync guides with a local state. A window runs from the
/// checkpoint (minus an overlap against clock skew) to now; every record and its files are written before the
/// checkpoint moves; an interrupted run resumes without loss, and records already on disk are not written again.
/// </summary>
public static class SyncCommands
{
    public static Command Build(CliConsole console)
    {
        var group = new Command("sync", "Keep a local copy of client invoices or transactions, with their files, in step with the API.");
        group.Subcommands.Add(Kind(console, "client-invoices", "Sync client invoices updated since the checkpoint, with their PDFs."));
        group.Subcommands.Add(Kind(console, "supplier-invoices", "Sync supplier invoices updated since the checkpoint, with their files."));
        group.Subcommands.Add(Kind(console, "transactions", "Sync the transactions of every account, all statuses, with their attachments."));
        return group;
    }

    private static Command Kind(CliConsole console, string kind, string description)
    {
        var connection = new ApiConnection();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the JSON lines, the files and the sync state.", Required = true };
        var since = new Option<string?>("--since") { Description = "Start of the first window (ISO 8601), when there is no checkpoint yet (default 2000-01-01)." };
        var overlap = new Option<string>("--overlap") { Description = "How far before the checkpoint each window starts, against clock skew.", DefaultValueFactory = _ => "5m" };
        var command = new Command(kind, description) { output, since, overlap };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (!Durations.TryParse(parse.GetValue(overlap), out var skew))
            {
                throw new CliException("--overlap takes a duration such as 5m.", ExitCodes.Usage);
            }

            DateTimeOffset? start = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                start = DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed : throw new CliException($"--since: '{sinceText}' is not an ISO 8601 timestamp.", ExitCodes.Usage);
            }

            var directory = parse.GetValue(output)!;
            directory.Create();
            Directory.CreateDirectory(Path.Combine(directory.FullName, "files"));
            var json = connection.WantsJson(parse);
            var say = json ? TextWriter.Null : console.Out;
            var sdk = connection.Connect(parse);
            using var state = new SyncState(directory.FullName);
            var from = state.Checkpoint(kind) is { } checkpoint ? checkpoint - skew : start ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var to = console.Clock.GetUtcNow();
            await say.WriteLineAsync($"Window: {Iso(from)} -> {Iso(to)}").ConfigureAwait(false);

            var counts = new SyncProgress(say, !json && console.IsTerminal, kind.EndsWith("invoices", StringComparison.Ordinal) ? "invoices" : "transactions");
            if (kind == "client-invoices")
            {
                await SyncInvoicesAsync(sdk, state, directory.FullName, from, to, counts, ct).ConfigureAwait(false);
            }
            else if (kind == "supplier-invoices")
            {
                await SyncSupplierInvoicesAsync(sdk, state, directory.FullName, from, to, counts, ct).ConfigureAwait(false);
            }
            else
            {
                await SyncTransactionsAsync(sdk, state, directory.FullName, from, to, counts, ct).ConfigureAwait(false);
            }

            counts.Finish();
            var lines = state.WriteJsonLines(kind, Path.Combine(directory.FullName, kind.Replace('-', '_') + ".jsonl"));
            state.SetCheckpoint(kind, to);
            await say.WriteLineAsync($"Fetched {counts.Fetched}, written {counts.Written} (file holds {lines}), attachments {counts.Attachments}. Checkpoint: {Iso(to)}").ConfigureAwait(false);
            if (json)
            {
                console.WriteJsonObject(stdout =>
                {
                    stdout.WriteNumber("fetched", counts.Fetched);
                    stdout.WriteNumber("written", counts.Written);
                    stdout.WriteNumber("attachments", counts.Attachments);
                    stdout.WriteString("checkpoint", Iso(to));
                });
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task SyncInvoicesAsync(ComptoirClient sdk, SyncState state, string directory, DateTimeOffset from, DateTimeOffset to, SyncProgress progress, CancellationToken ct)
    {
        await foreach (var invoice in sdk.ClientInvoices.ListUpdatedAsync(from, to, ct).ConfigureAwait(false))
        {
            if (state.Has("client-invoices", invoice.Id, invoice.UpdatedAt))
            {
                progress.Skipped();
                continue;
            }

            // Download at once: pre-signed URLs expire after 30 minutes.
            if (invoice.AttachmentId is { } attachmentId)
            {
                var attachment = await sdk.Attachments.GetAsync(attachmentId, ct).ConfigureAwait(false);
                await sdk.Attachments.DownloadToFileAsync(attachment, FilePath(directory, attachment), ct).ConfigureAwait(false);
                progress.Downloaded();
            }

            state.Store("client-invoices", invoice.Id, invoice.UpdatedAt, JsonSerializer.Serialize(invoice, SyncJson.Default.ClientInvoice));
            progress.Stored();
        }
    }

    private static async Task SyncSupplierInvoicesAsync(ComptoirClient sdk, SyncState state, string directory, DateTimeOffset from, DateTimeOffset to, SyncProgress progress, CancellationToken ct)
    {
        await foreach (var invoice in sdk.SupplierInvoices.ListUpdatedAsync(from, to, ct).ConfigureAwait(false))
        {
            if (state.Has("supplier-invoices", invoice.Id, invoice.UpdatedAt ?? string.Empty))
            {
                progress.Skipped();
                continue;
            }

            if (invoice.AttachmentId is { } attachmentId)
            {
                var attachment = await sdk.Attachments.GetAsync(attachmentId, ct).ConfigureAwait(false);
                await sdk.Attachments.DownloadToFileAsync(attachment, FilePath(directory, attachment), ct).ConfigureAwait(false);
                progress.Downloaded();
            }

            state.Store("supplier-invoices", invoice.Id, invoice.UpdatedAt ?? string.Empty, JsonSerializer.Serialize(invoice, SyncJson.Default.SupplierInvoice));
            progress.Stored();
        }
    }

    private static async Task SyncTransactionsAsync(ComptoirClient sdk, SyncState state, string directory, DateTimeOffset from, DateTimeOffset to, SyncProgress progress, CancellationToken ct)
    {
        var organization = await sdk.Organization.GetAsync(ct).ConfigureAwait(false);
        foreach (var account in organization.BankAccounts)
        {
            await foreach (var transaction in sdk.Transactions.ListUpdatedAsync(account.Id, from, to, ct).ConfigureAwait(false))
            {
                if (state.Has("transactions", transaction.Id, transaction.UpdatedAt))
                {
                    progress.Skipped();
                    continue;
                }

                foreach (var attachment in transaction.Attachments ?? [])
                {
                    await sdk.Attachments.DownloadToFileAsync(attachment, FilePath(directory, attachment), ct).ConfigureAwait(false);
                    progress.Downloaded();
                }

                state.Store("transactions", transaction.Id, transaction.UpdatedAt, JsonSerializer.Serialize(transaction, SyncJson.Default.Transaction));
                progress.Stored();
            }
        }
    }

    /// <summary>files/&lt;attachment id&gt;-&lt;file name&gt;: unique, and the same on every run.</summary>
    private static string FilePath(string directory, Attachment attachment) =>
        Path.Combine(directory, "files", $"{attachment.Id}-{Path.GetFileName(attachment.FileName)}");

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
