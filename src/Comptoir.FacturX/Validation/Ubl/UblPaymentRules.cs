using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>Payment instructions as bound to UBL: BR-49, BR-50, BR-61.</summary>
internal static class UblPaymentRules
{
    public static void Check(UblDocument d, FindingCollector f)
    {
        foreach (var means in d.All(PaymentMeans))
        {
            var codes = means.Elements(PaymentMeansCode).ToList();
            if (codes.Any(c => c.Value is "30" or "58"))
            {
                foreach (var account in means.Elements(PayeeFinancialAccount))
                {
                    f.Require(XsValues.HasText(account.Element(Id)), Br50, account);
                }
            }

            var code = XsValues.NormalizeSpace(codes.FirstOrDefault()?.Value);
            var isTransfer = code is "30" or "58";
            var hasAccount = means.Elements(PayeeFinancialAccount).Elements(Id).Any();
            f.Require(codes.Count > 0, Br49, means);
            f.Require((hasAccount && isTransfer) || !isTransfer, Br61, means);
        }
    }
}
