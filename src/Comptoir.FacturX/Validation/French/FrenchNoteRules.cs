using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The mandatory mentions as notes (BG-1): recovery costs (PMT), late-payment penalties (PMD) and discount terms
/// (AAB) present once each (BR-FR-05, BR-FR-06, also TXD at most once); a BAR note names one known treatment
/// (BR-FR-20, BR-FR-31).
/// </summary>
internal static class FrenchNoteRules
{
    private static readonly string[] RequiredSubjects = ["PMT", "PMD", "AAB"];
    private static readonly string[] SingleSubjects = ["PMT", "PMD", "AAB", "TXD"];

    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        foreach (var header in d.Header)
        {
            var notes = header.Elements(IncludedNote).ToList();
            foreach (var subject in RequiredSubjects)
            {
                f.Require(notes.Any(n => FrenchXPath.AnyIs(n.Elements(FrenchNames.SubjectCode), subject)), $"BR-FR-05_BT-22_{subject}", header);
            }

            foreach (var subject in SingleSubjects)
            {
                f.Require(notes.Count(n => FrenchXPath.AnyIs(n.Elements(FrenchNames.SubjectCode), subject)) <= 1, $"BR-FR-06_BT-21_{subject}", header);
            }

            var barNotes = notes.Where(n => FrenchXPath.AnyIs(n.Elements(FrenchNames.SubjectCode), "BAR")).ToList();
            foreach (var bar in barNotes)
            {
                var treatment = bar.Elements(FrenchNames.Content).FirstOrDefault();
                f.Require(treatment is not null && FrenchFormats.BarTreatments.Contains(treatment.Value), "BR-FR-20_BT-21", bar);
            }

            var named = barNotes.Count(n => FrenchFormats.BarTreatments.Contains(XsValues.NormalizeSpace(FrenchXPath.String(n.Elements(FrenchNames.Content)))));
            f.Require(named <= 1, "BR-FR-31_BT-21", header);
        }
    }
}
