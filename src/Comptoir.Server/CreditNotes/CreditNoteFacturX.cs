using System.Globalization;
using Comptoir.FacturX.Model;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// A credit note as the Factur-X engine sees it, from its stored row: written as a client invoice's JSON, mapped by
/// <see cref="ClientInvoiceJson"/>, made a type 381 by <see cref="CreditNoteDocument"/>. The document job renders
/// this and issuing checks this, so what is refused is exactly what would have been written.
/// </summary>
public static class CreditNoteFacturX
{
    /// <summary>The credit note's document and the language its client reads.</summary>
    /// <param name="invoiceNumber">The corrected invoice's number (BT-25).</param>
    /// <param name="invoiceIssueDate">Its issue date, yyyy-MM-dd (BT-26).</param>
    /// <exception cref="JsonBodyException">The stored note lacks what a Factur-X file needs.</exception>
    public static (InvoiceDocument Document, string Language) Map(CreditNoteRow note, string invoiceNumber, string invoiceIssueDate)
    {
        ArgumentNullException.ThrowIfNull(note);
        var input = ClientInvoiceJson.ParseApiResponse(CreditNoteRendering.InvoiceShape(note));
        var issued = DateOnly.ParseExact(invoiceIssueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (CreditNoteDocument.From(input.Invoice, note, new PrecedingInvoice(invoiceNumber, issued), input.Language), input.Language);
    }

    /// <summary>
    /// Refuses a credit note whose Factur-X file would break a fatal rule (EN 16931, its Factur-X profile, BR-FR; 422 naming the rule): a finding
    /// in a line names the request's line that asked for it, anything else the invoice it corrects.
    /// </summary>
    public static void Require(CreditNoteRow note, CreditNoteRequest request, string invoiceNumber, string invoiceIssueDate)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string Invoice = "/invoice_id";
        var pointers = new FindingPointers(
            (line, _) => line < request.Lines.Count ? request.Lines[line].Pointer : Invoice, Invoice, Invoice, Invoice);
        InvoiceDocument document;
        try
        {
            document = Map(note, invoiceNumber, invoiceIssueDate).Document;
        }
        catch (JsonBodyException e)
        {
            throw FacturXConformance.Incomplete(e, pointers);
        }

        FacturXConformance.Require(document, pointers);
    }
}
