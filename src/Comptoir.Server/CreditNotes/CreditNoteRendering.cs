using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comptoir.Core.Money;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// The credit_note object: the fields of a client invoice (written by the invoice's own writer, so the two never
/// drift apart) plus invoice_id, reason and settlement, with its money amounts negative (quantities and unit prices
/// stay positive: the line's amount is minus quantity x unit price). Rendered once per write and stored.
/// </summary>
public static class CreditNoteRendering
{
    /// <summary>The amounts a credit note prints negative: the document's and each item's.</summary>
    private static readonly string[] DocumentAmounts = ["total_amount", "vat_amount"];
    private static readonly string[] ItemAmounts = ["total_vat", "total_amount", "subtotal"];

    /// <summary>Fields of an invoice that a credit note does not have: no payment is asked, no link, no credit notes of its own.</summary>
    private static readonly string[] NotOnCreditNotes = ["credit_notes_ids", "invoice_url", "due_date", "paid_at", "canceled_at"];

    private static readonly JsonSerializerOptions Output = new() { Encoder = JsonConventions.WriterOptions.Encoder };

    public static string Render(CreditNoteRow note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var node = JsonNode.Parse(InvoiceShape(note))!.AsObject();
        foreach (var name in NotOnCreditNotes)
        {
            node.Remove(name);
        }

        node["status"] = "finalized";
        node["invoice_type"] = "credit_note";
        node["payment_methods"] = new JsonArray();
        Insert(node, "invoice_id", note.InvoiceId, after: "organization_id");
        Insert(node, "reason", note.Reason, after: "number");
        Insert(node, "settlement", note.Settlement, after: "reason");
        foreach (var name in DocumentAmounts)
        {
            Negate(node, name);
        }

        foreach (var item in node["items"]!.AsArray())
        {
            var fields = item!.AsObject();
            foreach (var name in ItemAmounts)
            {
                Negate(fields, name);
            }

            if (fields["discount"] is JsonObject discount && discount["amount"] is JsonObject amount)
            {
                amount["value"] = Negative(amount["value"]!.GetValue<string>());
            }
        }

        return node.ToJsonString(Output);
    }

    /// <summary>
    /// The credit note written as a client invoice with positive amounts (its number, its issue date as due date, the
    /// invoice's payment account), which is what the Factur-X mapping reads (<see cref="ClientInvoiceJson"/>).
    /// </summary>
    public static byte[] InvoiceShape(CreditNoteRow note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var invoice = new ClientInvoiceRow
        {
            Id = note.Id,
            OrganizationId = note.OrganizationId,
            Status = ClientInvoiceStatus.Unpaid,
            Number = note.Number,
            Body = note.Body,
            TotalAmountCents = note.TotalAmountCents,
            VatAmountCents = note.VatAmountCents,
            IssueDate = note.IssueDate,
            DueDate = note.IssueDate,
            AttachmentId = note.AttachmentId,
            CreatedAt = note.CreatedAt,
            UpdatedAt = note.UpdatedAt,
            FinalizedAt = note.CreatedAt,
        };
        using var buffer = new MemoryStream(8 * 1024);
        using (var json = new Utf8JsonWriter(buffer, JsonConventions.WriterOptions))
        {
            json.WriteStartObject();
            ClientInvoiceJsonWriter.WriteFields(json, invoice, "http://localhost");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Negate(JsonObject fields, string name)
    {
        var cents = -fields[name + "_cents"]!.GetValue<long>();
        fields[name + "_cents"] = cents;
        fields[name]!["value"] = DecimalText.Amount(Rounding.FromCents(cents));
    }

    private static string Negative(string amount) =>
        DecimalText.Amount(-decimal.Parse(amount, NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));

    private static void Insert(JsonObject node, string name, string value, string after)
    {
        var index = node.IndexOf(after);
        node.Insert(index < 0 ? node.Count : index + 1, name, value);
    }

    /// <summary>Writes the stored rendering as the value of the current property or array element.</summary>
    public static void WriteStored(Utf8JsonWriter json, CreditNoteRow note)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(note);
        json.WriteRawValue(Encoding.UTF8.GetBytes(note.Rendered), skipInputValidation: true);
    }
}
