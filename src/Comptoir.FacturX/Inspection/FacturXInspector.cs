using System.Text;
using System.Text.RegularExpressions;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Validation;
using Comptoir.FacturX.Validation.French;

namespace Comptoir.FacturX.Inspection;

/// <summary>
/// Structural checks of a Factur-X PDF (the ones validators most often reject: attachment name and relationship,
/// XMP identification, OutputIntent, embedded fonts), arithmetic checks of the embedded invoice (BR-CO-10..16
/// and the VAT of each breakdown row), every EN 16931 rule and the declared Factur-X profile's own rules (where
/// implemented) through the native <see cref="InvoiceValidator"/>.
/// </summary>
public static partial class FacturXInspector
{
    public static InspectionReport Inspect(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var findings = new List<Finding>();
        PdfFile file;
        try
        {
            file = PdfFile.Open(pdf);
        }
        catch (InvalidDataException e)
        {
            return new InspectionReport { Findings = [new Finding("PDF", e.Message)] };
        }

        var xmp = ReadXmp(file);
        var level = Property(xmp, "fx:ConformanceLevel");
        CheckContainer(file, xmp, findings);

        EmbeddedFile? attachment;
        try
        {
            attachment = PdfAttachments.FindInvoiceXml(pdf);
        }
        catch (InvalidDataException e)
        {
            findings.Add(new Finding("PDF", e.Message));
            return new InspectionReport { Findings = findings, DeclaredConformanceLevel = level };
        }

        if (attachment is null)
        {
            findings.Add(new Finding("FX-ATTACHMENT", "No factur-x.xml (or zugferd-invoice.xml / xrechnung.xml) is embedded: this is a plain PDF, not an e-invoice."));
            return new InspectionReport { Findings = findings, DeclaredConformanceLevel = level };
        }

        CheckAttachment(attachment, xmp, findings);
        CiiInvoice? invoice = null;
        try
        {
            invoice = CiiReader.Read(attachment.Content);
            CheckProfile(invoice, level, attachment, findings);
            InvoiceArithmetic.Check(invoice, findings);
            if (ClaimsEn16931(invoice))
            {
                AddRuleFindings(InvoiceValidator.Validate(attachment.Content), findings);
            }

            AddFrenchRuleFindings(attachment.Content, findings);
            // The declared profile's own Factur-X rules, where the native validator implements that profile.
            AddRuleFindings(InvoiceValidator.Validate(attachment.Content, new ValidationOptions { En16931 = false, FacturXProfileFromGuideline = true }), findings);
        }
        catch (InvalidDataException e)
        {
            findings.Add(new Finding("XML", e.Message));
        }

        return new InspectionReport { Attachment = attachment, Invoice = invoice, DeclaredConformanceLevel = level, Findings = findings };
    }

    /// <summary>
    /// The profiles that claim compliance with EN 16931 (BASIC, EN 16931, XRechnung). MINIMUM and BASIC WL are not
    /// EN 16931 invoices (no lines, no breakdown) and EXTENDED is only conformant (an extension judged by its own
    /// Factur-X rules): the CEN rules do not apply to them.
    /// </summary>
    private static bool ClaimsEn16931(CiiInvoice invoice) => invoice.Profile is "BASIC" or "EN 16931" or "XRECHNUNG";

    /// <summary>The EN 16931 rules' findings: a fatal rule is an error, with where it broke.</summary>
    private static void AddRuleFindings(ValidationReport report, List<Finding> findings)
    {
        foreach (var finding in report.Findings)
        {
            findings.Add(new Finding(finding.RuleId, $"{finding.Message} (at {finding.Location})", finding.Severity == FindingSeverity.Fatal));
        }
    }

    /// <summary>
    /// The French CTC rules (BR-FR-*), for a seller in France only. They are errors when the invoice names one of the
    /// reform's billing modes (BT-23), i.e. is meant for the French e-invoicing platforms; on an older French invoice
    /// (no BT-23, or Chorus Pro's A1) they are warnings of what the reform will ask.
    /// </summary>
    private static void AddFrenchRuleFindings(byte[] xml, List<Finding> findings)
    {
        var document = SecureXml.Load(xml);
        if (!FrenchCtcRules.AppliesTo(document))
        {
            return;
        }

        var binding = FrenchCtcRules.DeclaresBillingMode(document);
        foreach (var finding in InvoiceValidator.ValidateFrench(document).Findings)
        {
            findings.Add(new Finding(finding.RuleId, $"{finding.Message} (at {finding.Location})", binding && finding.Severity == FindingSeverity.Fatal));
        }
    }

    private static void CheckContainer(PdfFile file, string? xmp, List<Finding> findings)
    {
        if (xmp is null)
        {
            findings.Add(new Finding("PDFA-XMP", "The catalog has no XMP /Metadata stream."));
        }
        else
        {
            if (Property(xmp, "pdfaid:part") != "3")
            {
                findings.Add(new Finding("PDFA-PART", $"XMP pdfaid:part is '{Property(xmp, "pdfaid:part") ?? "missing"}', Factur-X needs PDF/A-3."));
            }

            if (Property(xmp, "pdfaid:conformance") is null)
            {
                findings.Add(new Finding("PDFA-CONFORMANCE", "XMP pdfaid:conformance is missing."));
            }

            if (Property(xmp, "fx:ConformanceLevel") is not null && !xmp.Contains("pdfaExtension:schemas", StringComparison.Ordinal))
            {
                findings.Add(new Finding("PDFA-EXTENSION", "XMP uses fx: properties without declaring the PDF/A extension schema."));
            }
        }

        var intents = file.Resolve(file.Catalog["OutputIntents"]) as PdfArray;
        var hasPdfaIntent = intents?.Items.Select(file.ResolveDictionary).Any(i => i?["S"] is PdfName { Value: "GTS_PDFA1" } && i["DestOutputProfile"] is not null) ?? false;
        if (!hasPdfaIntent)
        {
            findings.Add(new Finding("PDFA-OUTPUTINTENT", "No /GTS_PDFA1 OutputIntent with an ICC profile."));
        }

        foreach (var font in file.Objects.OfType<PdfDictionary>().Where(d => d["Type"] is PdfName { Value: "FontDescriptor" }))
        {
            if (font["FontFile"] is null && font["FontFile2"] is null && font["FontFile3"] is null)
            {
                var name = (font["FontName"] as PdfName)?.Value ?? "?";
                findings.Add(new Finding("PDFA-FONT", $"Font {name} is not embedded."));
            }
        }
    }

    private static void CheckAttachment(EmbeddedFile attachment, string? xmp, List<Finding> findings)
    {
        if (!attachment.InCatalogAf)
        {
            findings.Add(new Finding("FX-AF", $"{attachment.Name} is not listed in the catalog's /AF (associated files)."));
        }

        if (attachment.Relationship is null)
        {
            findings.Add(new Finding("FX-AFRELATIONSHIP", $"{attachment.Name} has no /AFRelationship."));
        }

        if (attachment.MimeType is not ("text/xml" or "application/xml"))
        {
            findings.Add(new Finding("FX-MIME", $"{attachment.Name} has MIME subtype '{attachment.MimeType ?? "missing"}', expected text/xml."));
        }

        if (attachment.ModDate is null)
        {
            findings.Add(new Finding("FX-MODDATE", $"{attachment.Name} has no /Params /ModDate."));
        }

        var declaredName = xmp is null ? null : Property(xmp, "fx:DocumentFileName");
        if (declaredName is not null && !string.Equals(declaredName, attachment.Name, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new Finding("FX-FILENAME", $"XMP fx:DocumentFileName is '{declaredName}' but the attachment is '{attachment.Name}'."));
        }
    }

    private static void CheckProfile(CiiInvoice invoice, string? declaredLevel, EmbeddedFile attachment, List<Finding> findings)
    {
        var profile = invoice.Profile;
        if (profile == "UNKNOWN")
        {
            findings.Add(new Finding("FX-PROFILE", $"Unknown specification identifier (BT-24) '{invoice.Guideline ?? "missing"}'."));
        }
        else if (declaredLevel is not null && !string.Equals(declaredLevel, profile, StringComparison.OrdinalIgnoreCase) && !(profile == "XRECHNUNG" && declaredLevel == "EN 16931"))
        {
            findings.Add(new Finding("FX-LEVEL", $"XMP fx:ConformanceLevel '{declaredLevel}' does not match the XML profile '{profile}'."));
        }

        var expected = profile is "MINIMUM" or "BASIC WL" ? "Data" : "Alternative";
        if (attachment.Relationship is { } relationship && relationship != expected && relationship != "Source")
        {
            findings.Add(new Finding("FX-AFRELATIONSHIP", $"/AFRelationship is /{relationship}; profile {profile} expects /{expected}.", IsError: false));
        }

        if (string.IsNullOrEmpty(invoice.Number))
        {
            findings.Add(new Finding("BR-02", "The invoice has no number (BT-1)."));
        }

        if (invoice.IssueDate is null)
        {
            findings.Add(new Finding("BR-03", "The invoice has no issue date (BT-2)."));
        }

        if (string.IsNullOrEmpty(invoice.Seller.Name))
        {
            findings.Add(new Finding("BR-06", "The seller has no name (BT-27)."));
        }
    }

    private static string? ReadXmp(PdfFile file)
    {
        if (file.Resolve(file.Catalog["Metadata"]) is not PdfStream stream)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(file.Decode(stream));
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Reads an XMP property written as an element or as an attribute.</summary>
    internal static string? Property(string? xmp, string name)
    {
        if (xmp is null)
        {
            return null;
        }

        var match = Regex.Match(xmp, $@"<{Regex.Escape(name)}>\s*([^<]*?)\s*</{Regex.Escape(name)}>|{Regex.Escape(name)}=""([^""]*)""");
        if (!match.Success)
        {
            return null;
        }

        return match.Groups[1].Success && match.Groups[1].Length > 0 ? match.Groups[1].Value : match.Groups[2].Value;
    }
}
