using System.Collections.Frozen;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.FacturX.ExtendedProfileRules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The business rules as the Factur-X EXTENDED profile binds them. Where its assert has the EN 16931 profile's
/// context, test and flag, the finding is that profile's (<see cref="En16931ProfileBusinessRules"/>, less the rules
/// EXTENDED has not or words otherwise: <see cref="NotInExtended"/>). The others are bound here as EXTENDED writes
/// them: most read only the lines whose subtype (BT-X-8) is DETAIL or absent, since GROUP and INFORMATION lines are
/// subtotals and notes.
/// </summary>
internal static partial class ExtendedProfileBusinessRules
{
    /// <summary>The EN 16931 profile's rules that EXTENDED drops or replaces by a BR-FXEXT-* rule of its own.</summary>
    private static readonly FrozenSet<string> NotInExtended = new[]
    {
        "BR-22", "BR-23", "BR-24", "BR-26", "BR-27", "BR-28", "BR-38", "BR-44", "BR-54",
        "BR-AE-01", "BR-AE-08", "BR-AF-01", "BR-AF-08", "BR-AF-10", "BR-AG-01", "BR-AG-08", "BR-AG-10",
        "BR-CO-04", "BR-CO-06", "BR-CO-08", "BR-CO-10", "BR-CO-11", "BR-CO-12", "BR-CO-13", "BR-CO-15", "BR-CO-16", "BR-CO-17",
        "BR-CO-22", "BR-CO-24", "BR-E-01", "BR-E-08", "BR-G-01", "BR-G-08", "BR-IC-01", "BR-IC-08",
        "BR-O-01", "BR-O-02", "BR-O-03", "BR-O-04", "BR-O-08", "BR-O-11", "BR-O-12", "BR-O-13", "BR-O-14",
        "BR-S-01", "BR-S-08", "BR-S-09", "BR-S-10", "BR-Z-01", "BR-Z-08", "BR-Z-10", "CII-SR-470", "CII-SR-474",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The VAT categories of the BR-FXEXT-*-01 rules, each with its rule.</summary>
    private static readonly (string Category, Rule Rule)[] CategoryPresence =
    [
        ("S", ExtS01), ("Z", ExtZ01), ("E", ExtE01), ("AE", ExtAe01), ("K", ExtIc01), ("G", ExtG01), ("O", ExtO01), ("L", ExtAf01), ("M", ExtAg01),
    ];

    private static readonly XName SubjectCode = Ram + "SubjectCode";

    /// <param name="cenFindings">The EN 16931 CII rules' findings on this document when already known (null: run them).</param>
    public static void Check(CiiDocument d, FindingCollector f, IReadOnlyList<ValidationFinding>? cenFindings = null)
    {
        var en16931 = new FindingCollector();
        En16931ProfileBusinessRules.Check(d, en16931, cenFindings);
        foreach (var finding in en16931.Findings.Where(finding => !NotInExtended.Contains(finding.RuleId)))
        {
            f.Add(finding);
        }

        CheckNotesAndCharacteristics(d, f);
        ExtendedProfileLineRules.Check(d, f);
        CheckAllowanceChargeReasons(d, f);
        CheckDates(d, f);
        CheckCategoryPresence(d, f);
        foreach (var id in d.All(Id).Where(id => id.Parent?.Name == TaxRegistration && !id.Ancestors(Seller).Any()))
        {
            f.Require((string?)id.Attribute("schemeID") == "VA", Ext03, id);
        }

        ExtendedProfileTotalsRules.Check(d, f);
        ExtendedProfileVatBreakdownRules.Check(d, f);
    }

    private static void CheckNotesAndCharacteristics(CiiDocument d, FindingCollector f)
    {
        foreach (var note in d.Root.Elements(ExchangedDocument).Elements(IncludedNote).Where(n => n.Element(SubjectCode) is not null))
        {
            f.Require(HasContent(note), Ext01, note);
        }

        foreach (var note in d.All(IncludedNote).Where(n => n.Parent?.Name == LineDocument && n.Element(SubjectCode) is not null))
        {
            f.Require(HasContent(note), Ext02, note);
        }

        foreach (var characteristic in d.All(ProductCharacteristic))
        {
            f.Require(characteristic.Element(Description) is not null || characteristic.Element(TypeCodeName) is not null, ExtBr541, characteristic);
            var hasValue = characteristic.Element(Value) is not null;
            var measures = characteristic.Elements(Ram + "ValueMeasure").ToList();
            f.Require(
                (hasValue && measures.Count == 0) || (!hasValue && measures.Any(m => m.Attribute("unitCode") is { } unit && unit.Value != "")),
                ExtBr542,
                characteristic);
            foreach (var type in characteristic.Elements(TypeCodeName))
            {
                var code = XsValues.NormalizeSpace(type.Value);
                f.Require(code.Length > 0 && !code.Contains(' ', StringComparison.Ordinal) && ExtendedCodeLists.ProductCharacteristicTypes.Contains(code), Ext04, type);
            }
        }
    }

    private static bool HasContent(XElement note) => note.Element(Ram + "ContentCode") is not null || note.Element(Ram + "Content") is not null;

    /// <summary>BR-FXEXT-BR-38 and BR-44: a charge (indicator text 'true') on the document or a line has a reason or a reason code.</summary>
    private static void CheckAllowanceChargeReasons(CiiDocument d, FindingCollector f)
    {
        foreach (var indicator in d.All(ChargeIndicator).Where(i => CiiDocument.IndicatorText(i, "true")))
        {
            var allowanceCharge = indicator.Parent;
            if (allowanceCharge?.Name != AllowanceCharge)
            {
                continue;
            }

            var hasReason = allowanceCharge.Element(Reason) is not null || allowanceCharge.Element(ReasonCode) is not null;
            if (allowanceCharge.Parent?.Name == Settlement)
            {
                f.Require(hasReason, ExtBr38, indicator);
            }
            else if (allowanceCharge.Parent?.Name == LineSettlement)
            {
                f.Require(hasReason, ExtBr44, indicator);
            }
        }
    }

    /// <summary>CII-DT-097 and BR-FXEXT-CII-DT-097a: a date (format 102) or a date and time (205) has its form.</summary>
    private static void CheckDates(CiiDocument d, FindingCollector f)
    {
        foreach (var date in d.All(DateTimeString))
        {
            switch ((string?)date.Attribute("format"))
            {
                case "102":
                    f.Require(DateForm().IsMatch(date.Value), CiiDt097, date);
                    break;
                case "205":
                    f.Require(DateTimeForm().IsMatch(date.Value), ExtCiiDt097a, date);
                    break;
            }
        }
    }

    /// <summary>
    /// BR-FXEXT-*-01: a category used on a detail line, an allowance or charge or a logistics charge has a VAT
    /// breakdown of that category, and a breakdown of a category is used by one of them.
    /// </summary>
    private static void CheckCategoryPresence(CiiDocument d, FindingCollector f)
    {
        var breakdowns = d.All(TradeTax).Where(t => t.Parent?.Name == Settlement).ToList();
        var lineTaxes = d.All(TradeTax).Where(t => t.Parent?.Name == LineSettlement).ToList();
        var otherTaxes = d.All(CategoryTradeTax).Concat(d.All(Ram + "AppliedTradeTax")).ToList();
        foreach (var (category, rule) in CategoryPresence)
        {
            var inBreakdown = breakdowns.Any(t => CiiDocument.HasCategory(t, category));
            var used = lineTaxes.Any(t => CiiDocument.HasCategory(t, category)) || otherTaxes.Any(t => CiiDocument.HasCategory(t, category));
            f.Require(inBreakdown == used, rule, d.Root);
        }
    }

    // XPath's \s is space, tab, newline and carriage return; its $ is the end of the string.
    [GeneratedRegex(@"^[ \t\n\r]*(\d{4})(1[0-2]|0[1-9])(3[01]|[12][0-9]|0[1-9])[ \t\n\r]*\z")]
    private static partial Regex DateForm();

    [GeneratedRegex(@"^[ \t\n\r]*(\d{4})(1[0-2]|0[1-9])(3[01]|[12][0-9]|0[1-9])([01][0-9]|2[0-3])[0-5][0-9][ \t\n\r]*\z")]
    private static partial Regex DateTimeForm();
}
