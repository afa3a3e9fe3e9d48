using Comptoir.FacturX.Model;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// A credit note as the Factur-X engine sees it: the invoice mapping of its lines and parties, made a type 381 that
/// names the invoice it corrects (BT-25, BT-26), states its reason, and asks for no payment (no payment means, no
/// due date; BT-20 says whether the amount is deducted or refunded, which BR-CO-25 needs for a positive amount).
/// </summary>
public static class CreditNoteDocument
{
    public static InvoiceDocument From(InvoiceDocument mapped, CreditNoteRow note, PrecedingInvoice invoice, string language)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(invoice);
        var english = language == "en";
        var refund = note.Settlement == CreditNoteSettlement.Refund;
        var terms = (english, refund) switch
        {
            (false, false) => $"Avoir à déduire de la facture {invoice.Number}.",
            (false, true) => $"Avoir à rembourser : la facture {invoice.Number} est réglée.",
            (true, false) => $"Credit to deduct from invoice {invoice.Number}.",
            (true, true) => $"Credit to be refunded: invoice {invoice.Number} has been paid.",
        };
        return mapped with
        {
            Kind = DocumentKind.CreditNote,
            PrecedingInvoice = invoice,
            CreditSettlement = refund ? CreditSettlement.Refund : CreditSettlement.Deduct,
            Payment = null,
            DueDate = null,
            PaymentTerms = terms,
            Header = (english ? "Reason: " : "Motif : ") + note.Reason,
            Notes = [.. mapped.Notes, new InvoiceNote(note.Reason, "ACD")],
        };
    }
}
