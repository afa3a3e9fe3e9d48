using System.CommandLine;
using System.Text.Json;
using Comptoir.Client;
using Comptoir.Client.Models;

namespace Comptoir.Cli.Commands;

/// <summary>comptoir invoice list|show|finalize|download|mark-paid|credit: one API call each, through the SDK.</summary>
public static class InvoiceManagementCommands
{
    public static IEnumerable<Command> Build(CliConsole console)
    {
        yield return List(console);
        yield return Single(console, "show", "Show one client invoice.", (sdk, id, ct) => sdk.ClientInvoices.GetAsync(id, ct));
        yield return Single(console, "finalize", "Finalize a draft: it gets its number and its Factur-X PDF is rendered.", (sdk, id, ct) => sdk.ClientInvoices.FinalizeAsync(id, ct));
        yield return Single(console, "mark-paid", "Mark an unpaid invoice as paid.", (sdk, id, ct) => sdk.ClientInvoices.MarkAsPaidAsync(id, ct));
        yield return Download(console);
        yield return CreditNoteCommands.Credit(console);
    }

    private static Command List(CliConsole console)
    {
        var connection = new ApiConnection();
        var status = new Option<string[]>("--status") { Description = "Only invoices in this status (draft, unpaid, paid, canceled); repeatable." };
        var limit = new Option<int>("--limit") { Description = "At most this many invoices, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List client invoices, newest first (one JSON object per line with --json).") { status, limit };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(limit) < 1)
            {
                throw new CliException("--limit must be at least 1.", ExitCodes.Usage);
            }

            var sdk = connection.Connect(parse);
            var json = connection.WantsJson(parse);
            var shown = 0;
            await foreach (var invoice in sdk.ClientInvoices.ListAsync(parse.GetValue(status), ct).ConfigureAwait(false))
            {
                if (json)
                {
                    WriteJson(console, invoice);
                }
                else
                {
                    await console.Out.WriteLineAsync(Line(invoice)).ConfigureAwait(false);
                }

                if (++shown == parse.GetValue(limit))
                {
                    break;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Single(CliConsole console, string name, string description, Func<ComptoirClient, string, CancellationToken, Task<ClientInvoice>> call)
    {
        var connection = new ApiConnection();
        var id = new Argument<string>("id") { Description = "The invoice id." };
        var command = new Command(name, description) { id };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var invoice = await call(connection.Connect(parse), parse.GetValue(id)!, ct).ConfigureAwait(false);
            if (connection.WantsJson(parse))
            {
                WriteJson(console, invoice);
            }
            else
            {
                await console.Out.WriteLineAsync(Line(invoice)).ConfigureAwait(false);
                foreach (var item in invoice.Items)
                {
                    await console.Out.WriteLineAsync($"  {item.Quantity} x {item.Title} @ {item.UnitPrice.Value} (VAT {item.VatRate}) = {item.TotalAmount.Value}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Download(CliConsole console)
    {
        var connection = new ApiConnection();
        var id = new Argument<string>("id") { Description = "The invoice id." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to save the PDF.", Required = true };
        var command = new Command("download", "Download a finalized invoice's Factur-X PDF.") { id, output };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var sdk = connection.Connect(parse);
            var invoice = await sdk.ClientInvoices.GetAsync(parse.GetValue(id)!, ct).ConfigureAwait(false);
            if (invoice.AttachmentId is null)
            {
                throw new CliException($"Invoice {invoice.Id} has no PDF yet ({invoice.Status}): it is still being rendered; try again in a moment.", ExitCodes.Failed);
            }

            var attachment = await sdk.Attachments.GetAsync(invoice.AttachmentId, ct).ConfigureAwait(false);
            var directory = parse.GetValue(output)!;
            directory.Create();
            var path = Path.Combine(directory.FullName, Path.GetFileName(attachment.FileName));
            await sdk.Attachments.DownloadToFileAsync(attachment, path, ct).ConfigureAwait(false);
            if (connection.WantsJson(parse))
            {
                console.WriteJsonObject(stdout =>
                {
                    stdout.WriteString("invoice_id", invoice.Id);
                    stdout.WriteString("file", path);
                });
            }
            else
            {
                await console.Out.WriteLineAsync($"Downloaded {path}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Line(ClientInvoice invoice) =>
        $"{invoice.Id}  {invoice.Number ?? "(draft)",-16} {invoice.Status,-9} {invoice.IssueDate}  due {invoice.DueDate}  {invoice.TotalAmount.Value} {invoice.Currency}  {invoice.Client?.Name}";

    private static void WriteJson(CliConsole console, ClientInvoice invoice)
    {
        JsonSerializer.Serialize(console.StandardOutput, invoice, SyncJson.Default.ClientInvoice);
        console.StandardOutput.WriteByte((byte)'\n');
        console.StandardOutput.Flush();
    }
}
