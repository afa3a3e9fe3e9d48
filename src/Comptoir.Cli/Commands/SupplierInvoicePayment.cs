using System.Net;
using Comptoir.Client;
using Comptoir.Client.Models;
using Comptoir.Core.Money;

namespace Comptoir.Cli.Commands;

/// <summary>What `comptoir pay` sends: to whom (IBAN or name), how much, with which reference and attachments.</summary>
internal sealed record PaymentOrder(string Beneficiary, decimal Amount, string Reference, IReadOnlyList<string> AttachmentIds, SupplierInvoice? Invoice = null);

/// <summary>
/// `comptoir pay --supplier-invoice ID`: the payment an approved supplier invoice asks for. The supplier's IBAN, the
/// amount due and the invoice number (as the reference) come from the invoice, and its file goes with the transfer,
/// which links the transfer to the invoice and is the supporting document transfers above 30,000 EUR need.
/// </summary>
internal static class SupplierInvoicePayment
{
    /// <summary>The longest reference a SEPA transfer carries.</summary>
    private const int MaxReference = 140;

    public static async Task<PaymentOrder> OrderAsync(ComptoirClient sdk, string id, CancellationToken ct)
    {
        SupplierInvoice invoice;
        try
        {
            invoice = await sdk.SupplierInvoices.GetAsync(id, ct).ConfigureAwait(false);
        }
        catch (ComptoirApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new CliException($"--supplier-invoice: no supplier invoice {id} in this organization.", ExitCodes.Failed);
        }

        if (Problem(invoice, out var amount) is { } problem)
        {
            throw new CliException($"Not paid: supplier invoice {id} cannot be paid: {problem}.", ExitCodes.Failed);
        }

        return new PaymentOrder(invoice.Iban!, amount, invoice.InvoiceNumber!, [invoice.AttachmentId!], invoice);
    }

    /// <summary>Why the invoice cannot be paid as it is, in words that say what to do; null when it can.</summary>
    private static string? Problem(SupplierInvoice invoice, out decimal amount)
    {
        amount = 0m;
        var edit = $"set it with 'comptoir admin supplier-invoices edit {invoice.Id} --organization SLUG";
        var status = invoice.Status switch
        {
            "awaiting_payment" => null,
            "to_review" or "to_approve" => $"it is {invoice.Status}; only an approved invoice (awaiting_payment) is paid: 'comptoir admin supplier-invoices submit' then 'approve'",
            "scheduled" or "pending" => $"it is {invoice.Status}: transfer {invoice.TransferIds?.LastOrDefault()} is already paying it",
            "paid" => $"it is already paid ({invoice.PaymentDate})",
            _ => $"it is {invoice.Status} and not to be paid",
        };
        if (status is not null)
        {
            return status;
        }

        if (invoice.IsCreditNote)
        {
            return "it is a credit note: the supplier owes you, not the other way round";
        }

        if (invoice.Iban is null)
        {
            return $"it has no IBAN to pay; {edit} --iban ...'";
        }

        if (invoice.PayableAmount is not { } payable)
        {
            return $"it has no payable amount; {edit} --payable-amount ...'";
        }

        if (payable.Currency != "EUR")
        {
            return $"it is payable in {payable.Currency}; SEPA transfers are in EUR";
        }

        if (!DecimalText.TryParse(payable.Value, out amount) || amount <= 0m)
        {
            return $"its payable amount is {payable.Value}: nothing to pay";
        }

        if (string.IsNullOrWhiteSpace(invoice.InvoiceNumber))
        {
            return $"it has no invoice number to give as the reference; {edit} --invoice-number ...'";
        }

        if (invoice.InvoiceNumber.Length > MaxReference)
        {
            return $"its invoice number is longer than the {MaxReference} characters of a transfer's reference";
        }

        return invoice.AttachmentId is null ? "its file is missing" : null;
    }
}
