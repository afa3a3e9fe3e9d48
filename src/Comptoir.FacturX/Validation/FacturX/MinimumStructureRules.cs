using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.CodeLists.En16931CodeLists;
using static Comptoir.FacturX.Validation.FacturX.FacturXRules;
using static Comptoir.FacturX.Validation.FacturX.StructureChecks;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The structure of a MINIMUM invoice (FX-SCH-A-* of FACTUR-X_MINIMUM.sch): what must occur once, what at most once,
/// the code lists of its few coded values, and what the profile does not use. The official rules are one pattern,
/// so a node is checked by the first rule whose context it matches (the tax registration variants).
/// </summary>
internal static class MinimumStructureRules
{
    private static readonly XName BusinessProcessParameter = Ram + "BusinessProcessSpecifiedDocumentContextParameter";
    private static readonly XName BuyerOrder = Ram + "BuyerOrderReferencedDocument";

    public static void Check(CiiDocument d, FindingCollector f)
    {
        var root = d.Root;
        foreach (var header in root.Elements(ExchangedDocument))
        {
            ExactlyOne(f, header, Id, FxSchA000019);
            ExactlyOne(f, header, TypeCodeName, FxSchA000020);
            foreach (var id in header.Elements(Id))
            {
                ForbidAttribute(f, id, "schemeID");
            }

            foreach (var date in header.Elements(IssueDateTime).Elements(DateTimeString))
            {
                Required(f, date, "format", FxSchA000021);
                InList(f, date, (string?)date.Attribute("format"), FacturXCodeLists.DateFormats, FxSchA000022);
            }

            foreach (var type in header.Elements(TypeCodeName))
            {
                InList(f, type, type.Value, CiiDocumentTypes, FxSchA000023);
            }
        }

        foreach (var context in root.Elements(ExchangedDocumentContext))
        {
            AtMostOne(f, context, BusinessProcessParameter, FxSchA000024);
            ExactlyOne(f, context, GuidelineParameter, FxSchA000025);
            foreach (var process in context.Elements(BusinessProcessParameter))
            {
                ExactlyOne(f, process, Id, FxSchA000406);
                foreach (var id in process.Elements(Id))
                {
                    ForbidAttribute(f, id, "schemeID");
                }
            }

            foreach (var guideline in context.Elements(GuidelineParameter))
            {
                ExactlyOne(f, guideline, Id, FxSchA000407);
                foreach (var id in guideline.Elements(Id))
                {
                    InList(f, id, id.Value, FacturXCodeLists.MinimumGuidelines, FxSchA000026);
                    ForbidAttribute(f, id, "schemeID");
                }
            }
        }

        foreach (var agreement in root.Elements(SupplyChainTradeTransaction).Elements(Agreement))
        {
            CheckAgreement(f, agreement);
        }

        foreach (var settlement in root.Elements(SupplyChainTradeTransaction).Elements(Settlement))
        {
            CheckSettlement(f, settlement);
        }
    }

    private static void CheckAgreement(FindingCollector f, XElement agreement)
    {
        ExactlyOne(f, agreement, Seller, FxSchA000027);
        ExactlyOne(f, agreement, Buyer, FxSchA000028);
        foreach (var order in agreement.Elements(BuyerOrder))
        {
            ExactlyOne(f, order, IssuerAssignedId, FxSchA000029);
            foreach (var id in order.Elements(IssuerAssignedId))
            {
                ForbidAttribute(f, id, "schemeID");
            }
        }

        foreach (var buyer in agreement.Elements(Buyer))
        {
            ExactlyOne(f, buyer, Name, FxSchA000030);
            foreach (var address in buyer.Elements(PostalAddress))
            {
                NotUsed(f, address);
            }

            foreach (var legal in buyer.Elements(LegalOrganization))
            {
                ExactlyOne(f, legal, Id, FxSchA000408);
                foreach (var id in legal.Elements(Id))
                {
                    InList(f, id, (string?)id.Attribute("schemeID"), Icd, FxSchA000031);
                }
            }

            foreach (var registration in buyer.Elements(TaxRegistration))
            {
                NotUsed(f, registration);
            }
        }

        foreach (var seller in agreement.Elements(Seller))
        {
            CheckSeller(f, seller);
        }
    }

    private static void CheckSeller(FindingCollector f, XElement seller)
    {
        ExactlyOne(f, seller, Name, FxSchA000409);
        ExactlyOne(f, seller, PostalAddress, FxSchA000032);
        f.Require(seller.Elements(TaxRegistration).Count(r => HasScheme(r, "VA")) <= 1, FxSchA000033, seller);
        f.Require(seller.Elements(TaxRegistration).Count(r => HasScheme(r, "FC")) <= 1, FxSchA000034, seller);
        foreach (var address in seller.Elements(PostalAddress))
        {
            ExactlyOne(f, address, CountryId, FxSchA000035);
            foreach (var country in address.Elements(CountryId))
            {
                InList(f, country, country.Value, UblCountries, FxSchA000036);
            }
        }

        foreach (var id in seller.Elements(LegalOrganization).Elements(Id))
        {
            InList(f, id, (string?)id.Attribute("schemeID"), Icd, FxSchA000410);
        }

        // First match, in the order of the official rules: neither VA nor FC, then FC, then VA.
        foreach (var registration in seller.Elements(TaxRegistration))
        {
            var (fc, va) = (HasScheme(registration, "FC"), HasScheme(registration, "VA"));
            if (!va && !fc)
            {
                NotUsed(f, registration);
                continue;
            }

            ExactlyOne(f, registration, Id, fc ? FxSchA000411 : FxSchA000412);
            foreach (var id in registration.Elements(Id))
            {
                Required(f, id, "schemeID", fc ? FxSchA000037 : FxSchA000413);
            }
        }
    }

    private static void CheckSettlement(FindingCollector f, XElement settlement)
    {
        ExactlyOne(f, settlement, InvoiceCurrencyCode, FxSchA000038);
        ExactlyOne(f, settlement, Summation, FxSchA000039);
        foreach (var currency in settlement.Elements(InvoiceCurrencyCode))
        {
            InList(f, currency, currency.Value, FacturXCodeLists.Currencies, FxSchA000040);
        }

        var invoiceCurrencies = settlement.Elements(InvoiceCurrencyCode).Select(c => c.Value).ToList();
        var taxCurrencies = settlement.Elements(TaxCurrencyCode).Select(c => c.Value).ToList();
        foreach (var totals in settlement.Elements(Summation))
        {
            ExactlyOne(f, totals, TaxBasisTotalAmount, FxSchA000041);
            f.Require(totals.Elements(TaxTotalAmount).Count(t => InCurrency(t, invoiceCurrencies)) <= 1, FxSchA000042, totals);
            f.Require(totals.Elements(TaxTotalAmount).Count(t => InCurrency(t, taxCurrencies)) <= 1, FxSchA000192, totals);
            ExactlyOne(f, totals, GrandTotalAmount, FxSchA000043);
            ExactlyOne(f, totals, DuePayableAmount, FxSchA000044);
            foreach (var amount in totals.Elements(DuePayableAmount).Concat(totals.Elements(GrandTotalAmount)).Concat(totals.Elements(TaxBasisTotalAmount)))
            {
                ForbidAttribute(f, amount, "currencyID");
            }

            // First match: in neither currency (not used), then the invoice currency, then the tax currency.
            foreach (var tax in totals.Elements(TaxTotalAmount))
            {
                var currency = (string?)tax.Attribute("currencyID");
                if (InCurrency(tax, invoiceCurrencies))
                {
                    InList(f, tax, currency, FacturXCodeLists.Currencies, FxSchA000045);
                }
                else if (InCurrency(tax, taxCurrencies))
                {
                    InList(f, tax, currency, FacturXCodeLists.Currencies, FxSchA000414);
                }
                else
                {
                    NotUsed(f, tax);
                }
            }
        }
    }

    /// <summary>@currencyID = ../../ram:InvoiceCurrencyCode (or TaxCurrencyCode): false without the attribute.</summary>
    private static bool InCurrency(XElement amount, List<string> currencies) =>
        amount.Attribute("currencyID") is { } currency && currencies.Contains(currency.Value);
}
