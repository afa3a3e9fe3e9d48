using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>Payment instructions (BG-16 to BG-18): BR-49, BR-50, BR-51, BR-61.</summary>
internal static class CiiPaymentRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        foreach (var means in d.All(PaymentMeans))
        {
            var creditTransfer = means.Elements(TypeCodeName).Any(t => t.Value is "30" or "58");
            if (creditTransfer)
            {
                foreach (var account in means.Children(PayeeAccount))
                {
                    f.Require(XsValues.HasText(account.Element(IbanId)) || XsValues.HasText(account.Element(ProprietaryId)), Br50, account);
                    f.Require(account.Element(IbanId) is not null || account.Element(ProprietaryId) is not null, Br61, account);
                }
            }

            f.Require(means.Element(TypeCodeName) is not null, Br49, means);
        }

        foreach (var card in d.All(FinancialCard))
        {
            f.Require(XsValues.NormalizeSpace(card.Element(Id)?.Value).Length <= 10, Br51, card);
        }
    }
}
