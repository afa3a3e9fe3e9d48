using System.CommandLine;
using System.Globalization;
using Comptoir.Client.Models;
using Comptoir.Core.Money;

namespace Comptoir.Cli.Commands;

/// <summary>comptoir invoice credit ID --reason TEXT [--item N:QTY]... [--amount N:AMOUNT]...: one POST /v2/credit_notes through the SDK.</summary>
public static class CreditNoteCommands
{
    public static Command Credit(CliConsole console)
    {
        var connection = new ApiConnection();
        var id = new Argument<string>("id") { Description = "The invoice to credit (finalized: unpaid, or paid for a refund)." };
        var reason = new Option<string>("--reason") { Description = "Why the invoice is corrected (printed on the credit note).", Required = true };
        var items = new Option<string[]>("--item") { Description = "Credit units of an item: N:QTY, N the item's position from 0 (\"0:2\"); repeatable." };
        var amounts = new Option<string[]>("--amount") { Description = "Credit an amount excluding VAT of an item: N:AMOUNT (\"1:50.00\"); repeatable." };
        var command = new Command("credit", "Issue a credit note of a finalized invoice: the lines given with --item and --amount, or with neither everything that remains to be credited. On an unpaid invoice the amount is deducted (the invoice is canceled once credited in full); on a paid one it is refunded.")
        {
            id, reason, items, amounts,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var lines = (parse.GetValue(items) ?? []).Select(spec => Line(spec, "--item", quantity: true))
                .Concat((parse.GetValue(amounts) ?? []).Select(spec => Line(spec, "--amount", quantity: false)))
                .ToList();
            var request = new NewCreditNote { InvoiceId = parse.GetValue(id)!, Reason = parse.GetValue(reason)!, Items = lines.Count == 0 ? null : lines };
            var note = await connection.Connect(parse).CreditNotes.CreateAsync(request, cancellationToken: ct).ConfigureAwait(false);
            if (connection.WantsJson(parse))
            {
                console.WriteJsonObject(json =>
                {
                    json.WriteString("id", note.Id);
                    json.WriteString("number", note.Number);
                    json.WriteString("invoice_id", note.InvoiceId);
                    json.WriteString("settlement", note.Settlement);
                    json.WriteString("total_amount", note.TotalAmount.Value);
                    json.WriteNumber("total_amount_cents", note.TotalAmountCents);
                });
            }
            else
            {
                var settlement = note.Settlement == "refund" ? "to refund" : "to deduct";
                await console.Out.WriteLineAsync($"{note.Id}  {note.Number}  {note.TotalAmount.Value} {note.Currency} {settlement}  (invoice {note.InvoiceId})").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses N:QTY or N:AMOUNT.</summary>
    private static CreditNoteLine Line(string spec, string option, bool quantity)
    {
        var parts = spec.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new CliException($"{option} '{spec}': expected N:{(quantity ? "QTY" : "AMOUNT")}, N the item's position from 0, e.g. \"{(quantity ? "0:2" : "1:50.00")}\".", ExitCodes.Usage);
        }

        var value = parts[1].Trim();
        if (!DecimalText.TryParse(value, out var number) || number <= 0m)
        {
            throw new CliException($"{option} '{spec}': '{value}' is not a positive number.", ExitCodes.Usage);
        }

        return quantity ? new CreditNoteLine(index, Quantity: value) : new CreditNoteLine(index, Amount: value);
    }
}
