using System.Globalization;
using System.Text.Json;
using Comptoir.Core.Money;
using Comptoir.FacturX.Inspection;
using Comptoir.FacturX.Reading;

namespace Comptoir.Cli.Commands;

/// <summary>Prints an inspection report for people (text) or scripts (one JSON object).</summary>
internal static class InspectionPrinter
{
    public static void WriteText(InspectionReport report, string fileName, TextWriter output)
    {
        output.WriteLine($"File:        {fileName}");
        if (report.Attachment is { } attachment)
        {
            output.WriteLine($"Attachment:  {attachment.Name} ({attachment.Content.Length} bytes, /AFRelationship /{attachment.Relationship ?? "none"})");
        }

        output.WriteLine($"XMP level:   {report.DeclaredConformanceLevel ?? "(none)"}");
        if (report.Invoice is { } invoice)
        {
            output.WriteLine($"Profile:     {invoice.Profile} ({invoice.Guideline})");
            output.WriteLine($"Number:      {invoice.Number} (type {invoice.TypeCode}), issued {Date(invoice.IssueDate)}, due {Date(invoice.DueDate)}");
            output.WriteLine($"Seller:      {Party(invoice.Seller)}");
            output.WriteLine($"Buyer:       {(invoice.Buyer is null ? "(none)" : Party(invoice.Buyer))}");
            if (invoice.Payment?.Iban is { } iban)
            {
                output.WriteLine($"Pay to:      {iban}{(invoice.Payment.Bic is null ? string.Empty : " / " + invoice.Payment.Bic)}");
            }

            var t = invoice.Totals;
            output.WriteLine($"Totals:      net {Amount(t.TaxBasis)}, VAT {Amount(t.TaxTotal)}, total {Amount(t.GrandTotal)}, due {Amount(t.DuePayable)} {invoice.Currency}");
            foreach (var row in invoice.VatBreakdown)
            {
                output.WriteLine($"  VAT {row.CategoryCode} {(row.RatePercent is { } r ? DecimalText.Plain(r) : "?")} %: basis {Amount(row.Basis)}, tax {Amount(row.Tax)}{(row.ExemptionReason is null ? string.Empty : " — " + row.ExemptionReason)}");
            }

            output.WriteLine($"Lines:       {invoice.Lines.Count}");
        }

        if (report.Findings.Count == 0)
        {
            output.WriteLine("Result:      OK, no problem found");
            return;
        }

        output.WriteLine($"Result:      {(report.IsValid ? "OK with warnings" : "NOT VALID")}");
        foreach (var finding in report.Findings)
        {
            output.WriteLine($"  {(finding.IsError ? "error  " : "warning")} {finding.Rule}: {finding.Message}");
        }
    }

    public static void WriteJson(InspectionReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = ApiConnection.Output.Encoder });
        json.WriteStartObject();
        json.WriteBoolean("valid", report.IsValid);
        json.WriteString("conformance_level", report.DeclaredConformanceLevel);
        json.WriteString("attachment", report.Attachment?.Name);
        if (report.Invoice is { } invoice)
        {
            json.WriteString("profile", invoice.Profile);
            json.WriteString("guideline", invoice.Guideline);
            json.WriteString("number", invoice.Number);
            json.WriteString("type_code", invoice.TypeCode);
            json.WriteString("issue_date", Date(invoice.IssueDate));
            json.WriteString("due_date", invoice.DueDate is null ? null : Date(invoice.DueDate));
            json.WriteString("currency", invoice.Currency);
            json.WriteString("seller_name", invoice.Seller.Name);
            json.WriteString("seller_legal_id", invoice.Seller.LegalId);
            json.WriteString("seller_vat_number", invoice.Seller.VatNumber);
            json.WriteString("buyer_name", invoice.Buyer?.Name);
            json.WriteString("buyer_vat_number", invoice.Buyer?.VatNumber);
            json.WriteString("iban", invoice.Payment?.Iban);
            json.WriteStartObject("totals");
            json.WriteString("tax_basis", Amount(invoice.Totals.TaxBasis));
            json.WriteString("tax_total", Amount(invoice.Totals.TaxTotal));
            json.WriteString("grand_total", Amount(invoice.Totals.GrandTotal));
            json.WriteString("due_payable", Amount(invoice.Totals.DuePayable));
            json.WriteEndObject();
            json.WriteNumber("line_count", invoice.Lines.Count);
        }

        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", finding.Rule);
            json.WriteString("severity", finding.IsError ? "error" : "warning");
            json.WriteString("message", finding.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static string Party(Comptoir.FacturX.Model.Party party)
    {
        var ids = new[] { party.LegalId is null ? null : $"id {party.LegalId}", party.VatNumber is null ? null : $"VAT {party.VatNumber}" }.Where(s => s is not null);
        var extra = string.Join(", ", ids);
        return extra.Length == 0 ? $"{party.Name} ({party.Address.CountryCode})" : $"{party.Name} ({party.Address.CountryCode}; {extra})";
    }

    private static string Amount(decimal? value) => value is { } v ? DecimalText.Amount(v) : "?";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";
}
