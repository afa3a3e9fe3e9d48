using System.CommandLine;
using System.Text.Json;
using Comptoir.Client;
using Comptoir.Client.Models;
using Comptoir.Client.Services;

namespace Comptoir.Cli.Commands;

/// <summary>comptoir supplier-invoices upload|list|show|mark-paid|unmark-paid|reject, through the SDK.</summary>
public static class SupplierInvoiceCommands
{
    public static Command Build(CliConsole console)
    {
        var group = new Command("supplier-invoices", "Upload, review and settle supplier invoices.");
        group.Subcommands.Add(Upload(console));
        group.Subcommands.Add(List(console));
        group.Subcommands.Add(Single(console, "show", "Show one supplier invoice.", null, (sdk, id, _, ct) => sdk.SupplierInvoices.GetAsync(id, ct)));
        var date = new Option<string?>("--date") { Description = "Payment date YYYY-MM-DD (default today)." };
        group.Subcommands.Add(Single(console, "mark-paid", "Mark a supplier invoice paid.", [date], (sdk, id, parse, ct) =>
            sdk.SupplierInvoices.MarkAsPaidAsync(id, parse.GetValue(date) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day) ? day : throw new CliException($"--date: '{text}' is not a date YYYY-MM-DD.", ExitCodes.Usage)
                : null, ct)));
        group.Subcommands.Add(Single(console, "unmark-paid", "Set a paid supplier invoice back to the status it was paid from.", null, (sdk, id, _, ct) => sdk.SupplierInvoices.UnmarkAsPaidAsync(id, ct)));
        var note = new Option<string?>("--note") { Description = "Why the invoice is rejected." };
        var reason = new Option<string?>("--reason") { Description = "A reason code." };
        group.Subcommands.Add(Single(console, "reject", "Reject a supplier invoice (to review, to approve or awaiting payment).", [note, reason], (sdk, id, parse, ct) =>
            sdk.SupplierInvoices.RejectAsync(id, parse.GetValue(note), parse.GetValue(reason), ct)));
        return group;
    }

    private static Command Upload(CliConsole console)
    {
        var connection = new ApiConnection();
        var files = new Argument<FileInfo[]>("files") { Description = "PDF, PNG, JPEG or XML e-invoice files.", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "pay_by_invoice, supplier_invoices (default), integration, transaction_attachment or generic_upload." };
        var journalOption = new Option<FileInfo?>("--journal") { Description = $"Where each file's idempotency key is recorded (default {SupplierInvoiceUploadJournal.DefaultPath})." };
        var command = new Command("upload", "Upload supplier invoices in batches of 20; a re-run never creates an invoice twice. Exit code 1 when a file was refused.") { files, source, journalOption };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var sdk = connection.Connect(parse);
            var json = connection.WantsJson(parse);
            var journal = new SupplierInvoiceUploadJournal(parse.GetValue(journalOption)?.FullName ?? SupplierInvoiceUploadJournal.DefaultPath);
            var results = new List<(string File, SupplierInvoice? Invoice, string? Error)>();
            var pending = new List<(string File, SupplierInvoiceUpload Upload)>();
            foreach (var file in parse.GetValue(files)!)
            {
                byte[] content;
                try
                {
                    content = await File.ReadAllBytesAsync(file.FullName, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    results.Add((file.FullName, null, $"unreadable: {e.Message}"));
                    continue;
                }

                pending.Add((file.FullName, SupplierInvoiceUpload.File(file.Name, content, journal.KeyFor(content, file.Name))));
            }

            // Identical files share a key: each is sent once, and every copy gets its answer.
            var answers = new Dictionary<string, (SupplierInvoice? Invoice, string? Error)>(StringComparer.Ordinal);
            foreach (var batch in pending.DistinctBy(p => p.Upload.IdempotencyKey).Chunk(SupplierInvoicesService.MaxPerRequest))
            {
                var answer = await sdk.SupplierInvoices.UploadAsync([.. batch.Select(b => b.Upload)], parse.GetValue(source), cancellationToken: ct).ConfigureAwait(false);
                // The answer lists the invoices in the order of the request, the refused ones left out.
                var created = new Queue<SupplierInvoice>(answer.Created);
                for (var i = 0; i < batch.Length; i++)
                {
                    var error = answer.Errors.FirstOrDefault(e => e.Index == i);
                    answers[batch[i].Upload.IdempotencyKey] = error is not null ? (null, $"{error.Code}: {error.Detail}")
                        : created.TryDequeue(out var invoice) ? (invoice, null) : (null, "no invoice in the answer");
                }
            }

            results.AddRange(pending.Select(p => (p.File, answers[p.Upload.IdempotencyKey].Invoice, answers[p.Upload.IdempotencyKey].Error)));

            foreach (var (file, invoice, error) in results)
            {
                if (json)
                {
                    console.WriteJsonObject(o =>
                    {
                        o.WriteString("file", file);
                        if (invoice is not null)
                        {
                            o.WriteString("id", invoice.Id);
                            o.WriteString("status", invoice.Status);
                        }
                        else
                        {
                            o.WriteString("error", error);
                        }
                    });
                }
                else
                {
                    await console.Out.WriteLineAsync(invoice is not null ? $"uploaded  {file} -> {invoice.Id} ({invoice.Status})" : $"refused   {file}: {error}").ConfigureAwait(false);
                }
            }

            return results.Any(r => r.Invoice is null) ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var connection = new ApiConnection();
        var status = new Option<string[]>("--status") { Description = "Only invoices in this status; repeatable." };
        var dueDate = new Option<string?>("--due") { Description = "past_and_today, future or missing_date." };
        var query = new Option<string?>("--query") { Description = "Text in the supplier name, number or file name." };
        var limit = new Option<int>("--limit") { Description = "At most this many invoices, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List supplier invoices, newest first (one JSON object per line with --json).") { status, dueDate, query, limit };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(limit) < 1)
            {
                throw new CliException("--limit must be at least 1.", ExitCodes.Usage);
            }

            var sdk = connection.Connect(parse);
            var filter = new SupplierInvoiceFilter { Statuses = parse.GetValue(status), DueDate = parse.GetValue(dueDate), Query = parse.GetValue(query), SortBy = "created_at:desc" };
            var shown = 0;
            await foreach (var invoice in sdk.SupplierInvoices.ListAsync(filter, ct).ConfigureAwait(false))
            {
                await Print(console, connection.WantsJson(parse), invoice).ConfigureAwait(false);
                if (++shown == parse.GetValue(limit))
                {
                    break;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Single(CliConsole console, string name, string description, Option[]? options, Func<ComptoirClient, string, ParseResult, CancellationToken, Task<SupplierInvoice>> call)
    {
        var connection = new ApiConnection();
        var id = new Argument<string>("id") { Description = "The supplier invoice id." };
        var command = new Command(name, description) { id };
        foreach (var option in options ?? [])
        {
            command.Options.Add(option);
        }

        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var invoice = await call(connection.Connect(parse), parse.GetValue(id)!, parse, ct).ConfigureAwait(false);
            await Print(console, connection.WantsJson(parse), invoice).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task Print(CliConsole console, bool json, SupplierInvoice invoice)
    {
        if (json)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(invoice, SyncJson.Default.SupplierInvoice);
            await console.StandardOutput.WriteAsync(bytes).ConfigureAwait(false);
            console.StandardOutput.WriteByte((byte)'\n');
            await console.StandardOutput.FlushAsync().ConfigureAwait(false);
            return;
        }

        var total = invoice.TotalAmount is { } money ? $"{money.Value} {money.Currency}" : "(not read)";
        var flags = string.Concat(invoice.HasDuplicates ? " DUPLICATE" : string.Empty, invoice.HasDiscrepancies ? " DISCREPANCIES" : string.Empty);
        await console.Out.WriteLineAsync($"{invoice.Id}  {invoice.Status,-16} {invoice.SupplierName ?? "-"}  {invoice.InvoiceNumber ?? "-"}  {total}  due {invoice.DueDate ?? "-"}  {invoice.FileName}{flags}").ConfigureAwait(false);
        foreach (var discrepancy in invoice.Discrepancies ?? [])
        {
            await console.Out.WriteLineAsync($"  {discrepancy.Rule}: {discrepancy.Message}").ConfigureAwait(false);
        }
    }
}
