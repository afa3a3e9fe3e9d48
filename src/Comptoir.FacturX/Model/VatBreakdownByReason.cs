using Comptoir.Core.Invoicing;

namespace Comptoir.FacturX.Model;

/// <summary>One VAT breakdown row as the PDF prints it: a category, a rate and, for a zero-rated category, one legal basis.</summary>
/// <param name="Exemption">The legal basis of the lines in this row; null for standard-rated rows.</param>
public sealed record VatReasonRow(VatCategory Category, decimal Rate, VatExemption? Exemption, decimal TaxableAmount, decimal TaxAmount);

/// <summary>
/// Splits the VAT breakdown by exemption reason. Three lines exempt under 261-4, 261 D and 261 are three legal
/// bases: the PDF prints a row and a mention for each. EN 16931 allows only one breakdown row per exempt, reverse
/// charge, intra-community, export or out-of-scope category (BR-E-01, BR-AE-01, BR-IC-01, BR-G-01, BR-O-01), so the
/// XML keeps one row per category and rate whose reason text (BT-120) names every basis; its VATEX code (BT-121) is
/// written only when every basis shares it, so no line is filed under a code that is not its own.
/// </summary>
public static class VatBreakdownByReason
{
    /// <summary>The rows the PDF prints, in order of first appearance.</summary>
    public static IReadOnlyList<VatReasonRow> Rows(InvoiceDocument invoice, InvoiceTotals totals)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(totals);
        var rows = new List<VatReasonRow>();
        foreach (var row in totals.VatBreakdown)
        {
            if (!row.Category.RequiresExemptionReason())
            {
                rows.Add(new VatReasonRow(row.Category, row.Rate, null, row.TaxableAmount, row.TaxAmount));
                continue;
            }

            // Zero-rated categories: the tax of every part is zero, so splitting the basis keeps every total.
            var parts = new List<(VatExemption Exemption, decimal Basis)>();
            for (var i = 0; i < invoice.Lines.Count; i++)
            {
                var line = invoice.Lines[i];
                if (line.VatCategory != row.Category || line.VatRate != row.Rate)
                {
                    continue;
                }

                var exemption = line.Exemption ?? DefaultExemption(row.Category);
                var index = parts.FindIndex(p => p.Exemption.Code == exemption.Code);
                if (index < 0)
                {
                    parts.Add((exemption, totals.Lines[i].Net));
                }
                else
                {
                    parts[index] = (exemption, parts[index].Basis + totals.Lines[i].Net);
                }
            }

            rows.AddRange(parts.Select(p => new VatReasonRow(row.Category, row.Rate, p.Exemption, p.Basis, 0m)));
        }

        return rows;
    }

    /// <summary>The legal bases of the lines in one EN 16931 breakdown row, distinct, in order of first appearance.</summary>
    public static IReadOnlyList<VatExemption> Exemptions(InvoiceDocument invoice, VatBreakdownRow row)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(row);
        var found = invoice.Lines
            .Where(l => l.VatCategory == row.Category && l.VatRate == row.Rate)
            .Select(l => l.Exemption ?? DefaultExemption(row.Category))
            .DistinctBy(e => e.Code)
            .ToList();
        return found.Count > 0 ? found : [DefaultExemption(row.Category)];
    }

    /// <summary>BT-120 and BT-121 of one EN 16931 breakdown row: every basis in the text, the code only when shared.</summary>
    public static (string Text, string? VatexCode) ReasonOf(InvoiceDocument invoice, VatBreakdownRow row)
    {
        var exemptions = Exemptions(invoice, row);
        var codes = exemptions.Select(e => e.VatexCode).Distinct(StringComparer.Ordinal).ToList();
        return (string.Join(" ; ", exemptions.Select(e => e.Text)), codes.Count == 1 ? codes[0] : null);
    }

    /// <summary>The reason of a line that names none (a category given directly rather than through a reason).</summary>
    public static VatExemption DefaultExemption(VatCategory category) => category switch
    {
        VatCategory.ReverseCharge => new VatExemption("AE", category, "VATEX-EU-AE", "Autoliquidation"),
        VatCategory.IntraCommunity => new VatExemption("K", category, "VATEX-EU-IC", "Livraison intracommunautaire exonérée"),
        VatCategory.Export => new VatExemption("G", category, "VATEX-EU-G", "Exportation hors UE exonérée"),
        VatCategory.NotSubject => new VatExemption("O", category, "VATEX-EU-O", "Non soumis à la TVA"),
        _ => new VatExemption("E", category, "VATEX-EU-132", "Exonération de TVA"),
    };
}
