using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>
/// The VAT category basis the -08 rules compare a breakdown with (Σ lines of the category and rate + Σ charges -
/// Σ allowances, each sum rounded to cents, decimal). Every line settlement and document allowance or charge is read
/// once per document, so that each breakdown (one per rate) sums a few prepared values instead of walking every line.
/// </summary>
internal sealed class CiiCategoryBases
{
    private readonly List<Item> lines = [];
    private readonly List<Item> allowanceCharges = [];

    public CiiCategoryBases(XElement root)
    {
        foreach (var transaction in root.Children(SupplyChainTradeTransaction))
        {
            foreach (var line in transaction.Children(LineItem))
            {
                foreach (var settlement in line.Children(LineSettlement))
                {
                    var amounts = new List<decimal>(1);
                    foreach (var summation in settlement.Children(LineSummation))
                    {
                        foreach (var amount in summation.Children(LineTotalAmount))
                        {
                            amounts.Add(XsValues.Decimal(amount.Value) ?? 0m);
                        }
                    }

                    var taxes = new List<XElement>(1);
                    foreach (var tax in settlement.Children(TradeTax))
                    {
                        taxes.Add(tax);
                    }

                    lines.Add(new Item(taxes, amounts, allowance: false, charge: false));
                }
            }

            foreach (var settlement in transaction.Children(Settlement))
            {
                foreach (var allowanceCharge in settlement.Children(AllowanceCharge))
                {
                    var amount = XsValues.Decimal(allowanceCharge.Elements(ActualAmount).FirstOrDefault()) ?? 0m;
                    allowanceCharges.Add(new Item(
                        allowanceCharge.Elements(CategoryTradeTax).ToList(), [amount],
                        allowance: CiiDocument.IndicatorIs(allowanceCharge, charge: false),
                        charge: CiiDocument.IndicatorIs(allowanceCharge, charge: true)));
                }
            }
        }
    }

    /// <summary>The basis of the category (and rate, when given), as the -08 rules compute it.</summary>
    public decimal Of(string code, decimal? rate)
    {
        decimal lineSum = 0m, chargeSum = 0m, allowanceSum = 0m;
        foreach (var line in lines)
        {
            if (line.Matches(code, rate))
            {
                foreach (var amount in line.Amounts)
                {
                    lineSum += amount;
                }
            }
        }

        foreach (var allowanceCharge in allowanceCharges)
        {
            if ((allowanceCharge.Charge || allowanceCharge.Allowance) && allowanceCharge.Matches(code, rate))
            {
                if (allowanceCharge.Charge)
                {
                    chargeSum += allowanceCharge.Amounts[0];
                }

                if (allowanceCharge.Allowance)
                {
                    allowanceSum += allowanceCharge.Amounts[0];
                }
            }
        }

        return XsValues.Cents(lineSum) + XsValues.Cents(chargeSum) - XsValues.Cents(allowanceSum);
    }

    /// <summary>A line settlement or document allowance/charge: its tax elements and the amounts it adds.</summary>
    private sealed class Item(List<XElement> taxes, List<decimal> amounts, bool allowance, bool charge)
    {
        private List<decimal?>? rates;

        public List<decimal> Amounts => amounts;

        public bool Allowance => allowance;

        public bool Charge => charge;

        /// <summary>A tax element has the category, and (when a rate is asked) a tax element's rate casts to it.</summary>
        public bool Matches(string code, decimal? rate)
        {
            var hasCategory = false;
            foreach (var tax in taxes)
            {
                if (CiiDocument.HasCategory(tax, code))
                {
                    hasCategory = true;
                    break;
                }
            }

            if (!hasCategory || rate is null)
            {
                return hasCategory;
            }

            rates ??= taxes.Elements(RatePercent).Select(r => XsValues.Decimal(r.Value)).ToList();
            return rates.Contains(rate);
        }
    }
}
