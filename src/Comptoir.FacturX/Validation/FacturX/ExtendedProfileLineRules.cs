using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.FacturX.ExtendedProfileRules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// EXTENDED's line rules: a line's subtype (BT-X-8) says whether it is a detail line (DETAIL, or none), a subtotal
/// of the lines naming it as their parent (GROUP, BT-X-304) or a note (INFORMATION); only the detail lines need a
/// quantity, a net amount, a price and a VAT category, and a group's net amount is the sum of its children's.
/// </summary>
internal static class ExtendedProfileLineRules
{
    private static readonly XName LineStatusReasonCode = Ram + "LineStatusReasonCode";

    private static readonly XName ParentLineId = Ram + "ParentLineID";

    public static void Check(CiiDocument d, FindingCollector f)
    {
        CheckHierarchy(d, f);
        CheckDetailLines(d, f);
    }

    /// <summary>not(ram:AssociatedDocumentLineDocument/ram:LineStatusReasonCode) or ... = 'DETAIL': a line that is not a group nor a note.</summary>
    public static bool IsDetailLine(XElement line)
    {
        var subtypes = line.Elements(LineDocument).Elements(LineStatusReasonCode).ToList();
        return subtypes.Count == 0 || subtypes.Any(s => s.Value == "DETAIL");
    }

    /// <summary>BR-FXEXT-06, 08, 11 and 12: the sub-lines of a GROUP line (BT-X-304 names its parent's BT-126).</summary>
    private static void CheckHierarchy(CiiDocument d, FindingCollector f)
    {
        var lines = d.All(LineItem);
        var lineIds = lines.Elements(LineDocument).Elements(LineId).Select(id => XsValues.NormalizeSpace(id.Value)).ToHashSet(StringComparer.Ordinal);
        var groupsAddUp = lines.Where(l => Status(l, "GROUP") && LineTotalText(l) != "").All(group => GroupTotalMatches(lines, group));
        foreach (var line in lines)
        {
            var parent = ParentOf(line);
            f.Require(parent == "" || line.Elements(LineDocument).Elements(LineStatusReasonCode).Any(s => s.Value != ""), Ext06, line);
            f.Require(groupsAddUp, Ext08, line);
            if (parent != "")
            {
                f.Require(lineIds.Contains(parent), Ext11, line);
            }

            if (Status(line, "GROUP") && line.Elements(LineSettlement).Elements(LineSummation).Elements(LineTotalAmount).Any())
            {
                f.Require(SubGroupsHaveTotals(lines, line), Ext12, line);
            }
        }
    }

    /// <summary>number(BT-131 of the group) = round(sum of its DETAIL and GROUP children's BT-131 * 100) div 100, in doubles.</summary>
    private static bool GroupTotalMatches(IReadOnlyList<XElement> lines, XElement group)
    {
        var id = XsValues.NormalizeSpace(group.Elements(LineDocument).Elements(LineId).FirstOrDefault()?.Value);
        var children = lines.Where(l => ParentOf(l) == id && (Status(l, "DETAIL") || Status(l, "GROUP")));
        var sum = children.Sum(c => XsValues.Double(LineTotalText(c)) ?? double.NaN);
        var total = XsValues.Double(LineTotalText(group)) ?? double.NaN;
        return total == XsValues.Round(sum * 100) / 100;
    }

    /// <summary>Every GROUP child (ParentLineID = LineID, compared as text) of the group has a BT-131.</summary>
    private static bool SubGroupsHaveTotals(IReadOnlyList<XElement> lines, XElement group)
    {
        var ids = group.Elements(LineDocument).Elements(LineId).Select(i => i.Value).ToList();
        if (ids.Count == 0)
        {
            return false;
        }

        var children = lines.Where(l => l.Elements(LineDocument).Elements(ParentLineId).Any(p => p.Value == ids[0]) && Status(l, "GROUP")).ToList();
        return children.Count == children.Elements(LineSettlement).Elements(LineSummation).Elements(LineTotalAmount).Count();
    }

    private static bool Status(XElement line, string status) => line.Elements(LineDocument).Elements(LineStatusReasonCode).Any(s => s.Value == status);

    private static string ParentOf(XElement line) => XsValues.NormalizeSpace(line.Elements(LineDocument).Elements(ParentLineId).FirstOrDefault()?.Value);

    private static string LineTotalText(XElement line) =>
        XsValues.NormalizeSpace(line.Elements(LineSettlement).Elements(LineSummation).Elements(LineTotalAmount).FirstOrDefault()?.Value);

    /// <summary>BR-22 to BR-26 and BR-CO-04 on the lines whose subtype is DETAIL or absent.</summary>
    private static void CheckDetailLines(CiiDocument d, FindingCollector f)
    {
        foreach (var document in d.All(LineDocument).Where(l => l.Parent?.Name == LineItem && IsDetailLine(l.Parent)))
        {
            var line = document.Parent!;
            var quantities = line.Elements(LineDelivery).Elements(BilledQuantity).ToList();
            var taxes = line.Elements(LineSettlement).Elements(TradeTax).ToList();
            f.Require(quantities.Count > 0, ExtBr22, document);
            f.Require(quantities.Any(q => q.Attribute("unitCode") is not null), ExtBr23, document);
            f.Require(line.Elements(LineSettlement).Elements(LineSummation).Elements(LineTotalAmount).Any(), ExtBr24, document);
            f.Require(line.Elements(LineAgreement).Elements(NetPrice).Elements(ChargeAmount).Any(), ExtBr26, document);
            f.Require(taxes.Elements(TypeCodeName).Any(t => t.Value == "VAT") && taxes.Where(CiiDocument.IsVat).Elements(CategoryCode).Any(), ExtCo04, document);
        }
    }
}
