using System.Globalization;
using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Validation.Cii;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>
/// Edits that give EXTENDED invoices what only EXTENDED has, so that its own rules are exercised (random mutants
/// of the samples seldom reach them): groups of lines (BT-X-8, BT-X-304) that add up or do not, information lines,
/// notes with a subject and no text, item attributes, charges without a reason or with a tax type as reason code,
/// date-times (format 205), a non-VAT tax registration of a buyer, totals of allowances and charges, zero-rated
/// breakdowns, logistics charges, financial adjustments, a breakdown's exemption reason, a line's tax totals, a
/// manufacturer's registrations, the document language. Each edit is
/// applied to a few of the documents that declare EXTENDED; one that does not apply (no lines) is skipped.
/// </summary>
public static class ExtendedEdits
{
    private static readonly XNamespace Ram = CiiNamespaces.Ram;

    private static readonly XNamespace Udt = CiiNamespaces.Udt;

    private static readonly (string Name, Func<XDocument, bool> Edit)[] Edits =
    [
        ("group-of-lines", d => Group(d, offBy: 0m, subtypes: true)),
        ("group-total-off", d => Group(d, offBy: 1m, subtypes: true)),
        ("group-without-subtypes", d => Group(d, offBy: 0m, subtypes: false)),
        ("subgroup-without-total", SubgroupWithoutTotal),
        ("parent-unknown", d => FirstLine(d) is { } line && SetParent(line, "NO-SUCH-LINE", "DETAIL")),
        ("information-line", InformationLine),
        ("header-note-subject-only", d => Add(d.Root!.Element(CiiNames.ExchangedDocument), Ram + "IncludedNote", new XElement(Ram + "SubjectCode", "AAI"))),
        ("line-note-subject-only", d => Add(FirstLine(d)?.Element(Ram + "AssociatedDocumentLineDocument"), Ram + "IncludedNote", new XElement(Ram + "SubjectCode", "AAI"))),
        ("attribute-value-only", d => Characteristic(d, new XElement(Ram + "Value", "red"))),
        ("attribute-value-and-measure", d => Characteristic(d, new XElement(Ram + "Description", "Weight"), new XElement(Ram + "Value", "2"), new XElement(Ram + "ValueMeasure", new XAttribute("unitCode", "KGM"), "2"))),
        ("attribute-measure-without-unit", d => Characteristic(d, new XElement(Ram + "Description", "Weight"), new XElement(Ram + "ValueMeasure", "2"))),
        ("attribute-measure", d => Characteristic(d, new XElement(Ram + "TypeCode", "AAA"), new XElement(Ram + "ValueMeasure", new XAttribute("unitCode", "KGM"), "2"))),
        ("attribute-unknown-type", d => Characteristic(d, new XElement(Ram + "TypeCode", "NOT-A-CODE"), new XElement(Ram + "Value", "2"))),
        ("document-charge-without-reason", d => DocumentCharge(d)),
        ("document-charge-with-reason", d => DocumentCharge(d, new XElement(Ram + "Reason", "Packing"))),
        ("document-charge-tax-type-code", d => DocumentCharge(d, new XElement(Ram + "ReasonCode", new XAttribute("listID", "5153"), "ENV"))),
        ("document-charge-vat-as-tax-type", d => DocumentCharge(d, new XElement(Ram + "ReasonCode", new XAttribute("listID", "5153"), "VAT"))),
        ("document-charge-other-list", d => DocumentCharge(d, new XElement(Ram + "ReasonCode", new XAttribute("listID", "7161"), "FC"))),
        ("document-charge-reason-code", d => DocumentCharge(d, new XElement(Ram + "ReasonCode", "FC"))),
        ("line-charge-without-reason", d => Add(FirstLine(d)?.Element(CiiNames.LineSettlement), CiiNames.AllowanceCharge, Indicator(true), new XElement(Ram + "ActualAmount", "0.00"))),
        ("allowance-total-off", d => SetTotal(d, CiiNames.AllowanceTotalAmount, "1.00")),
        ("charge-total-off", d => SetTotal(d, CiiNames.ChargeTotalAmount, "1.00")),
        ("issue-date-time-205", d => IssueDate(d, "205", "202603191230")),
        ("issue-date-205-without-time", d => IssueDate(d, "205", "20260319")),
        ("issue-date-102-with-dashes", d => IssueDate(d, "102", "2026-03-19")),
        ("buyer-fc-registration", BuyerRegistration),
        ("line-tax-total-twice", d => LineTaxTotals(d, null, null)),
        ("line-tax-total-other-currency", d => LineTaxTotals(d, "XXX")),
        ("manufacturer-three-vat-ids", d => Manufacturer(d, "VA", "VA", "VA")),
        ("manufacturer-two-vat-and-two-fc-ids", d => Manufacturer(d, "VA", "VA", "FC", "FC")),
        ("language", d => Add(d.Root!.Element(CiiNames.ExchangedDocument), Ram + "LanguageID", "fre")),
        ("language-unknown", d => Add(d.Root!.Element(CiiNames.ExchangedDocument), Ram + "LanguageID", "xx")),
        ("effective-period-start", d => Add(d.Root!.Element(CiiNames.ExchangedDocument), Ram + "EffectiveSpecifiedPeriod", new XElement(Ram + "StartDateTime", new XElement(Udt + "DateTimeString", new XAttribute("format", "102"), "20260301")))),
        ("logistics-charge", LogisticsCharge),
        ("financial-adjustment", d => BeforeTotals(d, new XElement(Ram + "SpecifiedFinancialAdjustment", new XElement(Ram + "ActualAmount", "1.00")))),
        ("breakdown-exemption-reason", BreakdownExemptionReason),
        ("zero-rated", d => ZeroRated(d, basisOffBy: 0m)),
        ("zero-rated-basis-off", d => ZeroRated(d, basisOffBy: 1m)),
    ];

    /// <summary>The names of the edits.</summary>
    public static IReadOnlyList<string> Names => [.. Edits.Select(e => e.Name)];

    /// <summary>Each edit on each source where it applies, named extended-edit/edit/source.</summary>
    public static IReadOnlyList<DifferentialCase> Apply(IReadOnlyList<DifferentialCase> sources)
    {
        var cases = new List<DifferentialCase>();
        foreach (var (name, edit) in Edits)
        {
            foreach (var source in sources)
            {
                var document = XDocument.Load(new MemoryStream(source.Xml));
                if (!edit(document))
                {
                    continue;
                }

                var xml = new MemoryStream();
                document.Save(xml);
                cases.Add(new DifferentialCase($"extended-edit/{name}/{source.Name}", source.Syntax, xml.ToArray()));
            }
        }

        return cases;
    }

    private static XElement? FirstLine(XDocument d) => d.Root!.Elements(CiiNames.SupplyChainTradeTransaction).Elements(CiiNames.LineItem).FirstOrDefault();

    private static List<XElement> Lines(XDocument d) => d.Root!.Elements(CiiNames.SupplyChainTradeTransaction).Elements(CiiNames.LineItem).ToList();

    /// <summary>A GROUP line G1 before the lines, its BT-131 their sum (plus <paramref name="offBy"/>), the lines its children.</summary>
    private static bool Group(XDocument d, decimal offBy, bool subtypes)
    {
        var lines = Lines(d);
        var totals = lines.Select(LineTotal).ToList();
        if (lines.Count == 0 || totals.Any(t => t is null))
        {
            return false;
        }

        var group = new XElement(lines[0]);
        SetLineId(group, "G1");
        SetParent(group, null, "GROUP");
        group.Element(CiiNames.LineSettlement)!.Element(CiiNames.LineSummation)!.Element(CiiNames.LineTotalAmount)!.Value =
            (totals.Sum(t => t!.Value) + offBy).ToString("0.00", CultureInfo.InvariantCulture);
        foreach (var line in lines)
        {
            SetParent(line, "G1", subtypes ? "DETAIL" : null);
        }

        lines[0].AddBeforeSelf(group);
        return true;
    }

    /// <summary>A group G1 holding a group G2 without a BT-131, which holds the lines.</summary>
    private static bool SubgroupWithoutTotal(XDocument d)
    {
        if (!Group(d, 0m, subtypes: true))
        {
            return false;
        }

        var group = FirstLine(d)!;
        var subgroup = new XElement(group);
        SetLineId(subgroup, "G2");
        SetParent(subgroup, "G1", "GROUP");
        subgroup.Element(CiiNames.LineSettlement)!.Element(CiiNames.LineSummation)!.Element(CiiNames.LineTotalAmount)!.Remove();
        foreach (var line in Lines(d).Skip(1))
        {
            line.Element(Ram + "AssociatedDocumentLineDocument")!.Element(Ram + "ParentLineID")!.Value = "G2";
        }

        group.AddAfterSelf(subgroup);
        return true;
    }

    /// <summary>The first line becomes an information line without quantity nor price.</summary>
    private static bool InformationLine(XDocument d)
    {
        if (FirstLine(d) is not { } line)
        {
            return false;
        }

        SetParent(line, null, "INFORMATION");
        line.Descendants(CiiNames.BilledQuantity).Remove();
        line.Descendants(CiiNames.NetPrice).Remove();
        return true;
    }

    private static decimal? LineTotal(XElement line) =>
        line.Elements(CiiNames.LineSettlement).Elements(CiiNames.LineSummation).Elements(CiiNames.LineTotalAmount).FirstOrDefault() is { } total
        && decimal.TryParse(total.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static void SetLineId(XElement line, string id) => line.Element(Ram + "AssociatedDocumentLineDocument")!.Element(CiiNames.LineId)!.Value = id;

    /// <summary>BT-X-304 and BT-X-8 of a line (null: absent), in their schema places after BT-126.</summary>
    private static bool SetParent(XElement line, string? parent, string? subtype)
    {
        var document = line.Element(Ram + "AssociatedDocumentLineDocument");
        if (document?.Element(CiiNames.LineId) is not { } lineId)
        {
            return false;
        }

        document.Elements(Ram + "ParentLineID").Remove();
        document.Elements(Ram + "LineStatusReasonCode").Remove();
        var after = lineId;
        if (parent is not null)
        {
            after.AddAfterSelf(new XElement(Ram + "ParentLineID", parent));
            after = (XElement)after.NextNode!;
        }

        if (subtype is not null)
        {
            (document.Element(Ram + "LineStatusCode") ?? after).AddAfterSelf(new XElement(Ram + "LineStatusReasonCode", subtype));
        }

        return true;
    }

    private static bool Add(XElement? parent, XName name, params object[] content)
    {
        parent?.Add(new XElement(name, content));
        return parent is not null;
    }

    private static bool Characteristic(XDocument d, params object[] content) =>
        Add(FirstLine(d)?.Element(CiiNames.Product), CiiNames.ProductCharacteristic, content);

    private static XElement Indicator(bool charge) => new(CiiNames.ChargeIndicator, new XElement(Udt + "Indicator", charge ? "true" : "false"));

    /// <summary>A document charge of 0.00 in the first breakdown's category and rate, before the totals, with its reason or code if given.</summary>
    private static bool DocumentCharge(XDocument d, params XElement[] reasons)
    {
        var settlement = d.Root!.Elements(CiiNames.SupplyChainTradeTransaction).Elements(CiiNames.Settlement).FirstOrDefault();
        if (settlement?.Element(CiiNames.TradeTax) is not { } breakdown || settlement.Element(CiiNames.Summation) is not { } totals)
        {
            return false;
        }

        var tax = new XElement(CiiNames.CategoryTradeTax, breakdown.Elements().Where(e => e.Name == CiiNames.TypeCodeName || e.Name == CiiNames.CategoryCode || e.Name == CiiNames.RatePercent));
        var charge = new XElement(CiiNames.AllowanceCharge, Indicator(true), new XElement(Ram + "ActualAmount", "0.00"), reasons, tax);
        totals.AddBeforeSelf(charge);
        return true;
    }

    /// <summary>Two tax totals on the first line's amounts, in the invoice currency unless another is given.</summary>
    private static bool LineTaxTotals(XDocument d, params string?[] currencies)
    {
        var invoiceCurrency = d.Root!.Descendants(CiiNames.InvoiceCurrencyCode).FirstOrDefault()?.Value;
        var summation = FirstLine(d)?.Element(CiiNames.LineSettlement)?.Element(CiiNames.LineSummation);
        if (invoiceCurrency is null || summation is null)
        {
            return false;
        }

        foreach (var currency in currencies)
        {
            summation.Add(new XElement(CiiNames.TaxTotalAmount, new XAttribute("currencyID", currency ?? invoiceCurrency), "0.00"));
        }

        return true;
    }

    /// <summary>A manufacturer of the first line's item with tax registrations of the given schemes.</summary>
    private static bool Manufacturer(XDocument d, params string[] schemes) =>
        Add(
            FirstLine(d)?.Element(CiiNames.Product),
            Ram + "ManufacturerTradeParty",
            new XElement(CiiNames.Name, "Maker"),
            schemes.Select((scheme, i) => new XElement(CiiNames.TaxRegistration, new XElement(CiiNames.Id, new XAttribute("schemeID", scheme), $"ID{i}"))));

    /// <summary>A logistics service charge of 1.00 in the first breakdown's category and rate, left out of the totals.</summary>
    private static bool LogisticsCharge(XDocument d)
    {
        var breakdown = d.Root!.Elements(CiiNames.SupplyChainTradeTransaction).Elements(CiiNames.Settlement).Elements(CiiNames.TradeTax).FirstOrDefault();
        return breakdown is not null && BeforeTotals(
            d,
            new XElement(
                Ram + "SpecifiedLogisticsServiceCharge",
                new XElement(CiiNames.Description, "Freight"),
                new XElement(Ram + "AppliedAmount", "1.00"),
                new XElement(Ram + "AppliedTradeTax", breakdown.Elements().Where(e => e.Name == CiiNames.TypeCodeName || e.Name == CiiNames.CategoryCode || e.Name == CiiNames.RatePercent))));
    }

    /// <summary>An exemption reason on the first breakdown only: the lines no longer share it.</summary>
    private static bool BreakdownExemptionReason(XDocument d)
    {
        var breakdown = d.Root!.Elements(CiiNames.SupplyChainTradeTransaction).Elements(CiiNames.Settlement).Elements(CiiNames.TradeTax).FirstOrDefault();
        if (breakdown?.Element(CiiNames.CategoryCode) is null)
        {
            return false;
        }

        breakdown.Elements(CiiNames.ExemptionReason).Remove();
        breakdown.Element(CiiNames.CalculatedAmount)?.AddAfterSelf(new XElement(CiiNames.ExemptionReason, "Autre motif"));
        return breakdown.Element(CiiNames.ExemptionReason) is not null;
    }

    private static bool BeforeTotals(XDocument d, XElement element)
    {
        var totals = d.Root!.Elements(CiiNames.SupplyChainTradeTransaction).Elements(CiiNames.Settlement).Elements(CiiNames.Summation).FirstOrDefault();
        totals?.AddBeforeSelf(element);
        return totals is not null;
    }

    private static bool SetTotal(XDocument d, XName name, string value)
    {
        if (d.Root!.Descendants(CiiNames.Summation).FirstOrDefault() is not { } totals)
        {
            return false;
        }

        totals.Elements(name).Remove();
        totals.Element(CiiNames.LineTotalAmount)?.AddAfterSelf(new XElement(name, value));
        return totals.Element(name) is not null;
    }

    private static bool IssueDate(XDocument d, string format, string value)
    {
        if (d.Root!.Element(CiiNames.ExchangedDocument)?.Element(CiiNames.IssueDateTime)?.Element(CiiNames.DateTimeString) is not { } date)
        {
            return false;
        }

        date.SetAttributeValue("format", format);
        date.Value = value;
        return true;
    }

    private static bool BuyerRegistration(XDocument d)
    {
        var buyer = d.Root!.Descendants(CiiNames.Buyer).FirstOrDefault();
        buyer?.Elements(CiiNames.TaxRegistration).Remove();
        return Add(buyer, CiiNames.TaxRegistration, new XElement(CiiNames.Id, new XAttribute("schemeID", "FC"), "123/456/78901"));
    }

    /// <summary>Every VAT category becomes Z at 0 %, every VAT amount 0.00; the first breakdown's basis off by <paramref name="basisOffBy"/>.</summary>
    private static bool ZeroRated(XDocument d, decimal basisOffBy)
    {
        var breakdown = d.Root!.Elements(CiiNames.SupplyChainTradeTransaction).Elements(CiiNames.Settlement).Elements(CiiNames.TradeTax).FirstOrDefault();
        if (breakdown?.Element(CiiNames.BasisAmount) is not { } basis || !decimal.TryParse(basis.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        foreach (var category in d.Root.Descendants(CiiNames.CategoryCode))
        {
            category.Value = "Z";
        }

        foreach (var rate in d.Root.Descendants(CiiNames.RatePercent))
        {
            rate.Value = "0.00";
        }

        foreach (var tax in d.Root.Descendants(CiiNames.CalculatedAmount))
        {
            tax.Value = "0.00";
        }

        d.Root.Descendants(CiiNames.ExemptionReason).Remove();
        d.Root.Descendants(CiiNames.ExemptionReasonCode).Remove();
        basis.Value = (amount + basisOffBy).ToString("0.00", CultureInfo.InvariantCulture);
        return true;
    }
}
