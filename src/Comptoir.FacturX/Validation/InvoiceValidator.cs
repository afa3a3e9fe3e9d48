using System.Xml.Linq;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.French;
using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Validation;

/// <summary>
/// The native EN 16931 validator: the business rules, the per-category VAT rules, the code-list rules and the
/// syntax rules of the CEN/TC 434 validation artefacts 1.3.16, over CII and UBL, without Java. It decides as the
/// official Schematron does (the differential test in Comptoir.FacturX.Tests proves it on every official sample,
/// every generated invoice and hundreds of mutated ones). XSD validity is not checked here.
/// </summary>
public static class InvoiceValidator
{
    private const string UblInvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private const string UblCreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    /// <summary>Validates an e-invoice's XML (CII or UBL).</summary>
    /// <exception cref="InvalidDataException">Not well-formed, too large, or neither CII nor UBL.</exception>
    public static ValidationReport Validate(byte[] xml) => Validate(SecureXml.Load(xml));

    /// <exception cref="InvalidDataException">Neither a CII invoice nor a UBL invoice or credit note.</exception>
    public static ValidationReport Validate(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root ?? throw new InvalidDataException("The XML has no root element.");
        if (root.Name == CiiNames.CrossIndustryInvoice)
        {
            return new ValidationReport(InvoiceSyntax.Cii, CiiRuleSet.Validate(root));
        }

        if (root.Name.NamespaceName is UblInvoiceNamespace or UblCreditNoteNamespace)
        {
            return new ValidationReport(InvoiceSyntax.Ubl, Ubl.UblRuleSet.Validate(root));
        }

        throw new InvalidDataException($"Neither CII nor UBL: the root element is {{{root.Name.NamespaceName}}}{root.Name.LocalName}.");
    }

    /// <summary>
    /// Validates a CII invoice against the French CTC rules (BR-FR-*) alone, as the official French Schematron decides
    /// them; <see cref="Validate(byte[])"/> stays the EN 16931 rules. <see cref="FrenchCtcRules.AppliesTo"/> says
    /// whether the seller is French.
    /// </summary>
    /// <exception cref="InvalidDataException">Not well-formed, too large, or not a CII invoice (the French rules exist for CII only).</exception>
    public static ValidationReport ValidateFrench(byte[] xml) => ValidateFrench(SecureXml.Load(xml));

    /// <exception cref="InvalidDataException">Not a CII invoice.</exception>
    public static ValidationReport ValidateFrench(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root ?? throw new InvalidDataException("The XML has no root element.");
        if (root.Name != CiiNames.CrossIndustryInvoice)
        {
            throw new InvalidDataException($"The French BR-FR rules are bound to CII only: the root element is {{{root.Name.NamespaceName}}}{root.Name.LocalName}.");
        }

        return new ValidationReport(InvoiceSyntax.Cii, FrenchCtcRules.Check(root));
    }

    /// <summary>Validates an e-invoice's XML with the rule sets the options choose.</summary>
    /// <exception cref="InvalidDataException">Not well-formed, too large, or neither CII nor UBL.</exception>
    /// <exception cref="NotSupportedException">An explicit Factur-X profile whose rules are not implemented (every named profile now is).</exception>
    public static ValidationReport Validate(byte[] xml, ValidationOptions options) => Validate(SecureXml.Load(xml), options);

    /// <exception cref="InvalidDataException">Neither a CII invoice nor a UBL invoice or credit note.</exception>
    /// <exception cref="NotSupportedException">An explicit Factur-X profile whose rules are not implemented (every named profile now is).</exception>
    public static ValidationReport Validate(XDocument document, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var report = Validate(document);
        var cenFindings = report.Syntax == InvoiceSyntax.Cii ? report.Findings : null;
        if (!options.En16931)
        {
            report = report with { Findings = [] };
        }

        var root = document.Root!;
        if (report.Syntax != InvoiceSyntax.Cii)
        {
            return report;
        }

        // An explicit profile must be implemented; one read from BT-24 is checked when it is, and otherwise left out
        // (the report then names no Factur-X profile).
        var profile = options.FacturXProfile;
        if (profile is null && options.FacturXProfileFromGuideline && FacturXProfileIds.FromGuideline(FacturXRuleSet.GuidelineId(root)) is { } declared && FacturXRuleSet.Implements(declared))
        {
            profile = declared;
        }

        return profile is { } checkedProfile
            ? report with { Findings = [.. report.Findings, .. FacturXRuleSet.Validate(root, checkedProfile, cenFindings)], FacturXProfile = checkedProfile }
            : report;
    }

    /// <summary>
    /// The fatal findings of every rule set an issued Factur-X file is held to: EN 16931, the Factur-X rules of the
    /// profile it declares (BT-24, when implemented), and the French CTC rules when the seller is French and the file
    /// names a reform billing mode (BT-23; `inspect` reports them as warnings otherwise, and so they do not refuse it
    /// here). What the generator and the API refuse a document by.
    /// </summary>
    /// <exception cref="InvalidDataException">Neither a CII invoice nor a UBL invoice or credit note.</exception>
    public static IReadOnlyList<ValidationFinding> FatalFindingsForIssue(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var findings = Validate(document, new ValidationOptions { FacturXProfileFromGuideline = true }).Findings;
        if (FrenchCtcRules.AppliesTo(document) && FrenchCtcRules.DeclaresBillingMode(document))
        {
            findings = [.. findings, .. ValidateFrench(document).Findings];
        }

        return [.. findings.Where(f => f.Severity == FindingSeverity.Fatal)];
    }

    /// <summary>Whether the native validator implements the Factur-X rules of this profile.</summary>
    public static bool ImplementsFacturXProfile(FacturXProfile profile) => FacturXRuleSet.Implements(profile);
}
