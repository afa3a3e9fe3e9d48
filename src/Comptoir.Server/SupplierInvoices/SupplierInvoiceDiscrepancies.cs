using Comptoir.FacturX.Inspection;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Validation;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// What an e-invoice contradicts, as has_discrepancies reports it. An invoice that claims EN 16931 (the BASIC,
/// EN 16931 and XRechnung profiles of CII, and every UBL invoice) is judged by the native validator: each fatal rule
/// it breaks is a discrepancy, with where it broke; warnings are not. MINIMUM, BASIC WL and EXTENDED do not claim the
/// CEN rules (no lines, no breakdown, or an extension), so only their totals' arithmetic is checked.
/// </summary>
public static class SupplierInvoiceDiscrepancies
{
    public static IReadOnlyList<Discrepancy> Find(CiiInvoice invoice, byte[] xml, bool ubl)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(xml);
        if (ubl || ClaimsEn16931(invoice))
        {
            try
            {
                return FromReport(InvoiceValidator.Validate(xml));
            }
            catch (InvalidDataException)
            {
                // The reader took the document and the validator did not (a root it does not know): the arithmetic
                // still says something, and the fields read stay.
            }
        }

        return Arithmetic(invoice);
    }

    /// <summary>The fatal findings of a validation, in its order; a warning does not make an invoice wrong.</summary>
    public static IReadOnlyList<Discrepancy> FromReport(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Findings.Where(f => f.Severity == FindingSeverity.Fatal).Select(f => new Discrepancy(f.RuleId, f.Message, f.Location, f.Field))];
    }

    /// <summary>The errors of the totals' arithmetic (EN 16931 BR-CO-10..16 and each breakdown row's VAT).</summary>
    public static IReadOnlyList<Discrepancy> Arithmetic(CiiInvoice invoice)
    {
        var findings = new List<Finding>();
        InvoiceArithmetic.Check(invoice, findings);
        return [.. findings.Where(f => f.IsError).Select(f => new Discrepancy(f.Rule, f.Message))];
    }

    /// <summary>The CII profiles that claim EN 16931, as `comptoir facturx inspect` decides (FacturXInspector).</summary>
    private static bool ClaimsEn16931(CiiInvoice invoice) => invoice.Profile is "BASIC" or "EN 16931" or "XRECHNUNG";
}
