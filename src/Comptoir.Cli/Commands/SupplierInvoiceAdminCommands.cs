using System.CommandLine;
using System.Globalization;
using Comptoir.Core.Money;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Jobs;
using Comptoir.Server.Organizations;
using Comptoir.Server.Storage;
using Comptoir.Server.SupplierInvoices;
using Microsoft.Extensions.Logging.Abstractions;

namespace Comptoir.Cli.Commands;

/// <summary>
/// comptoir admin supplier-invoices submit|approve|archive|discard|edit: the web app's review actions, on the database
/// through the store's one method per change (webhook events included), checked against the same transition table as
/// the API's actions.
/// </summary>
public static class SupplierInvoiceAdminCommands
{
    private static readonly Dictionary<string, string> MoveDescriptions = new(StringComparer.Ordinal)
    {
        ["submit"] = "Submit an invoice for approval (to_review -> to_approve).",
        ["approve"] = "Approve an invoice for payment (to_approve -> awaiting_payment).",
        ["archive"] = "Archive an invoice that is done with (paid or rejected -> archived).",
        ["discard"] = "Discard an upload that is no invoice (to_review -> discarded).",
    };

    public static Command Build(CliConsole console)
    {
        var group = new Command("supplier-invoices", "The web app's review of supplier invoices: submit, approve, archive, discard, and edit the extracted data.");
        foreach (var transition in SupplierInvoiceTransitions.StatusMoves)
        {
            group.Subcommands.Add(Move(console, transition));
        }

        group.Subcommands.Add(Edit(console));
        return group;
    }

    private static Command Move(CliConsole console, SupplierInvoiceTransition transition)
    {
        var storage = new StorageOptions();
        var organization = OrganizationOption();
        var id = new Argument<string>("id") { Description = "The supplier invoice id." };
        var command = new Command(transition.Action, MoveDescriptions[transition.Action]) { id, organization };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var owner = await AdminDatabase.OrganizationAsync(new OrganizationStore(database, console.Clock), parse.GetValue(organization)!, ct).ConfigureAwait(false);
            var invoice = await RunAsync(() => Store(database, console.Clock).MoveAsync(owner.Id, parse.GetValue(id)!, transition, ct)).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Supplier invoice {invoice.Id} is now {invoice.Status}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Edit(CliConsole console)
    {
        var storage = new StorageOptions();
        var organization = OrganizationOption();
        var id = new Argument<string>("id") { Description = "The supplier invoice id." };
        var supplier = new Option<string?>("--supplier-name") { Description = "The supplier's name." };
        var number = new Option<string?>("--invoice-number") { Description = "The invoice's number." };
        var vat = new Option<string?>("--vat-number") { Description = "The supplier's VAT number." };
        var tin = new Option<string?>("--tin") { Description = "The supplier's registration number (SIREN in France)." };
        var description = new Option<string?>("--description") { Description = "What the invoice is for." };
        var issue = new Option<string?>("--issue-date") { Description = "Issue date, YYYY-MM-DD." };
        var due = new Option<string?>("--due-date") { Description = "Due date, YYYY-MM-DD." };
        var currency = new Option<string?>("--currency") { Description = "ISO 4217 currency of the amounts (EUR)." };
        var total = new Option<string?>("--total-amount") { Description = "Total including VAT, exact decimal (1234.50)." };
        var net = new Option<string?>("--total-amount-excluding-taxes") { Description = "Total excluding VAT, exact decimal." };
        var tax = new Option<string?>("--total-tax-amount") { Description = "Total VAT, exact decimal." };
        var payable = new Option<string?>("--payable-amount") { Description = "Amount due, exact decimal: what `comptoir pay --supplier-invoice` pays." };
        var iban = new Option<string?>("--iban") { Description = "The supplier's IBAN (mod-97 checked): where `comptoir pay --supplier-invoice` pays." };
        var command = new Command("edit", "Correct the extracted data of an open invoice (to_review, to_approve or awaiting_payment) once analysed; options not given are left as they are.")
        {
            id, organization, supplier, number, vat, tin, description, issue, due, currency, total, net, tax, payable, iban,
        };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            long? Cents(Option<string?> option) => parse.GetValue(option) is { } text
                ? Usage(() => SupplierInvoiceEdit.Cents(option.Name.TrimStart('-').Replace('-', '_'), text))
                : null;
            DateOnly? Date(Option<string?> option) => parse.GetValue(option) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new CliException($"{option.Name}: '{text}' is not a date YYYY-MM-DD.", ExitCodes.Usage)
                : null;
            var edit = new SupplierInvoiceEdit
            {
                SupplierName = parse.GetValue(supplier),
                InvoiceNumber = parse.GetValue(number),
                VatNumber = parse.GetValue(vat),
                Tin = parse.GetValue(tin),
                Description = parse.GetValue(description),
                IssueDate = Date(issue),
                DueDate = Date(due),
                Currency = parse.GetValue(currency),
                TotalAmountCents = Cents(total),
                TotalAmountExcludingTaxesCents = Cents(net),
                TotalTaxAmountCents = Cents(tax),
                PayableAmountCents = Cents(payable),
                Iban = parse.GetValue(iban),
            };
            if (edit.IsEmpty)
            {
                throw new CliException("Nothing to edit: give at least one field option (see --help).", ExitCodes.Usage);
            }

            Usage(edit.Checked);
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var owner = await AdminDatabase.OrganizationAsync(new OrganizationStore(database, console.Clock), parse.GetValue(organization)!, ct).ConfigureAwait(false);
            var invoice = await RunAsync(() => Store(database, console.Clock).EditAsync(owner.Id, parse.GetValue(id)!, edit, ct)).ConfigureAwait(false);
            var amount = invoice.PayableAmountCents is { } cents ? $"{DecimalText.Amount(Rounding.FromCents(cents))} {invoice.Currency ?? "EUR"}" : "-";
            await console.Out.WriteLineAsync($"Supplier invoice {invoice.Id} ({invoice.Status}): {invoice.SupplierName ?? "-"}, {invoice.InvoiceNumber ?? "-"}, payable {amount}, IBAN {invoice.Iban ?? "-"}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static SupplierInvoiceStore Store(Database database, TimeProvider clock) =>
        new(database, new JobQueue(database, clock), clock, NullLogger<SupplierInvoiceStore>.Instance);

    private static Option<string> OrganizationOption() => new("--organization") { Description = "The organization's slug.", Required = true };

    /// <summary>A refusal of the store (a wrong transition, an unknown invoice) as the command's error.</summary>
    private static async Task<SupplierInvoiceRow> RunAsync(Func<Task<SupplierInvoiceRow>> change)
    {
        try
        {
            return await change().ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            throw new CliException(string.Join(" ", e.Errors.Select(x => x.Detail)), ExitCodes.Failed);
        }
    }

    /// <summary>A value the rules refuse, as a usage error naming the field.</summary>
    private static T Usage<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ApiException e)
        {
            throw new CliException(string.Join(" ", e.Errors.Select(x => x.Detail)), ExitCodes.Usage);
        }
    }
}
