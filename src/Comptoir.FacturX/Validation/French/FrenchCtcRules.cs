using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The French CTC rules of the 2026 e-invoicing reform (XP Z12-012, "BR-FR Flux 2"), bound to CII, deciding as the
/// official French Schematron does (the differential test in Comptoir.FacturX.Tests proves it). Run them with
/// <see cref="InvoiceValidator.ValidateFrench(byte[])"/>; <see cref="AppliesTo"/> says whether an invoice is one they
/// are meant for.
/// </summary>
public static class FrenchCtcRules
{
    /// <summary>The seller is established in France (BT-40 is FR): the invoice falls under the French reform's rules.</summary>
    public static bool AppliesTo(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        return root is not null && root.Name == CrossIndustryInvoice
            && root.Elements(SupplyChainTradeTransaction).Elements(Agreement).Elements(Seller).Elements(PostalAddress).Elements(CountryId)
                .Any(c => Engine.XsValues.NormalizeSpace(c.Value) == "FR");
    }

    /// <summary>
    /// The invoice names one of the reform's billing modes (BT-23: B1, S1, M1, ... M9), i.e. its issuer means it for the
    /// French e-invoicing platforms. An older French invoice (no BT-23, or Chorus Pro's A1) does not.
    /// </summary>
    public static bool DeclaresBillingMode(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Root?.Elements(ExchangedDocumentContext).Elements(FrenchNames.BusinessProcessParameter).Elements(Id)
            .Any(id => FrenchFormats.BillingModes.Contains(Engine.XsValues.NormalizeSpace(id.Value))) ?? false;
    }

    /// <summary>Every French rule family over one CII invoice.</summary>
    internal static IReadOnlyList<ValidationFinding> Check(XElement root)
    {
        var invoice = new FrenchInvoice(new CiiDocument(root));
        var findings = new FrenchFindings();
        FrenchNumberRules.Check(invoice, findings);
        FrenchDateRules.Check(invoice, findings);
        FrenchCodeListRules.Check(invoice, findings);
        FrenchNoteRules.Check(invoice, findings);
        FrenchPartyRules.Check(invoice, findings);
        FrenchElectronicAddressRules.Check(invoice, findings);
        FrenchReferenceRules.Check(invoice, findings);
        FrenchItemAttributeRules.Check(invoice, findings);
        FrenchAmountRules.Check(invoice, findings);
        FrenchSettlementRules.Check(invoice, findings);
        FrenchMultiVendorRules.Check(invoice, findings);
        FrenchSubInvoiceRules.Check(invoice, findings);
        return findings.All;
    }
}
