using System.Xml.Linq;

namespace Comptoir.FacturX.Tests.Differential;

/// <summary>
/// Derives CII invoices aimed at the French BR-FR rules from valid ones, deterministically from a seed: a SIREN with
/// a broken checksum or the wrong length, a number of 36 characters or with a forbidden character, a mandatory note
/// removed or doubled, a credit note without its preceding invoice (BT-25), a foreign currency without the VAT total
/// in euros, electronic-address and identifier schemes swapped, SIRETs, BAR treatments, billing modes (including the
/// multi-vendor and bidirectional ones, on an invoice turned into sub-invoices), dates, number formats, VAT
/// categories and rates, attachments, item attributes. No element that a rule reads as a single value is doubled, so
/// Saxon decides every file.
/// </summary>
public static class FrenchMutator
{
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
    private static readonly XNamespace Qdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

    private delegate string? Mutation(XElement root, Random random);

    private static readonly Mutation[] Mutations =
    [
        Siren, InvoiceNumber, Notes, CreditNote, Currency, Schemes, Siret, BarTreatment, BillingMode, Dates, NumberFormat,
        VatCategory, VatRate, ElectronicAddress, GlobalIds, SingleTaxablePerson, Attachments, ItemAttributes, InvoicedObjects,
        MultiVendor, MultiVendor, MultiVendor, Removal, AddedDates, LineReferences, OtherParties, Attachments,
    ];

    /// <summary><paramref name="count"/> mutants of the given CII seeds, the same for the same seed value.</summary>
    public static IReadOnlyList<DifferentialCase> Mutate(IReadOnlyList<DifferentialCase> seeds, int count, int seed)
    {
        var random = new Random(seed);
        var mutants = new List<DifferentialCase>();
        while (mutants.Count < count)
        {
            var source = seeds[random.Next(seeds.Count)];
            var document = XDocument.Load(new MemoryStream(source.Xml));
            var mutation = Mutations[random.Next(Mutations.Length)];
            var description = mutation(document.Root!, random);
            if (description is null)
            {
                continue;
            }

            var stream = new MemoryStream();
            document.Save(stream);
            mutants.Add(new DifferentialCase($"fr-mutant-{mutants.Count:000}/{source.Name} {mutation.Method.Name}: {description}", source.Syntax, stream.ToArray()));
        }

        return mutants;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> options) => options[random.Next(options.Count)];

    private static XElement? Path(XElement root, params string[] localNames)
    {
        IEnumerable<XElement> current = [root];
        foreach (var name in localNames)
        {
            current = current.Elements().Where(e => e.Name.LocalName == name);
        }

        return current.FirstOrDefault();
    }

    private static IEnumerable<XElement> All(XElement root, string localName) => root.Descendants().Where(e => e.Name.LocalName == localName);

    private static XElement? Transaction(XElement root) => root.Element(Rsm + "SupplyChainTradeTransaction");

    private static XElement? Party(XElement root, string party) =>
        All(root, party).FirstOrDefault(p => p.Parent?.Name.LocalName is "ApplicableHeaderTradeAgreement" or "ApplicableHeaderTradeSettlement" or "ApplicableHeaderTradeDelivery");

    /// <summary>Sets an element's text, creating it (and its parent chain) under <paramref name="parent"/> when missing.</summary>
    private static XElement Ensure(XElement parent, XName name)
    {
        var element = parent.Element(name);
        if (element is null)
        {
            element = new XElement(name);
            parent.AddFirst(element);
        }

        return element;
    }

    private static string? Siren(XElement root, Random random)
    {
        var seller = Party(root, "SellerTradeParty");
        var id = seller?.Element(Ram + "SpecifiedLegalOrganization")?.Element(Ram + "ID");
        if (id is null)
        {
            return null;
        }

        var before = id.Value;
        switch (random.Next(6))
        {
            case 0:
                // A SIREN whose Luhn checksum is wrong: the rules check the shape only.
                id.Value = before.Length == 9 ? before[..8] + (char)('0' + ((before[8] - '0' + 1) % 10)) : "732829321";
                break;
            case 1:
                id.Value = Pick(random, ["73282932", "7328293201", "73282932A", " 732829320 ", "732 829 320", "７３２８２９３２０"]);
                break;
            case 2:
                id.SetAttributeValue("schemeID", Pick(random, ["0009", "0088", "0223", null]));
                break;
            case 3:
                id.Parent!.Remove();
                break;
            case 4:
                var buyer = Party(root, "BuyerTradeParty");
                var organization = Ensure(buyer!, Ram + "SpecifiedLegalOrganization");
                Ensure(organization, Ram + "ID").Value = Pick(random, ["552100554", "55210055", "", "552100554 "]);
                organization.Element(Ram + "ID")!.SetAttributeValue("schemeID", "0002");
                return $"buyer SIREN {organization.Element(Ram + "ID")!.Value}";
            default:
                id.Value = string.Empty;
                break;
        }

        return $"seller SIREN {before} -> '{id.Value}' scheme {(string?)id.Attribute("schemeID")}";
    }

    private static string? InvoiceNumber(XElement root, Random random)
    {
        var number = Path(root, "ExchangedDocument", "ID") ?? All(root, "IssuerAssignedID").FirstOrDefault(i => i.Parent?.Name.LocalName == "InvoiceReferencedDocument");
        if (number is null)
        {
            return null;
        }

        number.Value = Pick(random,
        [
            new string('A', 35), new string('A', 36), "F-2026-" + new string('9', 33), "F 2026 0001", "F-2026#0001", "F.2026.0001", "F-2026/0001+B_2",
            "\tF-2026-0001\n", "F-2026-0001 ", "", "Facture-é-1", "F-" + new string('1', 33),
        ]);
        return $"{number.Name.LocalName} -> '{number.Value}' ({number.Value.Length} chars)";
    }

    private static string? Notes(XElement root, Random random)
    {
        var header = root.Element(Rsm + "ExchangedDocument");
        var notes = header?.Elements(Ram + "IncludedNote").ToList() ?? [];
        if (header is null || notes.Count == 0)
        {
            return null;
        }

        var note = Pick(random, notes);
        var subject = (string?)note.Element(Ram + "SubjectCode") ?? "none";
        switch (random.Next(4))
        {
            case 0:
                note.Remove();
                return $"removed note {subject}";
            case 1:
                note.AddAfterSelf(new XElement(note));
                return $"doubled note {subject}";
            case 2:
                for (var i = random.Next(1, 3); i > 0; i--)
                {
                    note.AddAfterSelf(new XElement(Ram + "IncludedNote", new XElement(Ram + "Content", "Taxe"), new XElement(Ram + "SubjectCode", "TXD")));
                }

                return "added TXD notes";
            default:
                var code = note.Element(Ram + "SubjectCode");
                if (code is null)
                {
                    return null;
                }

                code.Value = Pick(random, ["PMT", "PMD", "AAB", "TXD", "pmt", "REG"]);
                return $"note {subject} -> {code.Value}";
        }
    }

    private static string? CreditNote(XElement root, Random random)
    {
        var type = Path(root, "ExchangedDocument", "TypeCode");
        var settlement = Transaction(root)?.Element(Ram + "ApplicableHeaderTradeSettlement");
        if (type is null || settlement is null)
        {
            return null;
        }

        var before = type.Value;
        type.Value = Pick(random, ["381", "381", "261", "396", "502", "503", "384", "471", "472", "473", "262", "386", "500", "389", "751", "393"]);
        var reference = settlement.Element(Ram + "InvoiceReferencedDocument");
        var change = random.Next(5);
        if (change == 0 && reference is not null)
        {
            reference.Remove();
            return $"type {before} -> {type.Value}, BT-25 removed";
        }

        if (change == 1 && reference is not null)
        {
            reference.Element(Ram + "FormattedIssueDateTime")?.Remove();
            return $"type {before} -> {type.Value}, BT-26 removed";
        }

        if (change == 2 || reference is null)
        {
            var added = new XElement(Ram + "InvoiceReferencedDocument",
                new XElement(Ram + "IssuerAssignedID", Pick(random, ["F-2026-000001", "F 2026", new string('F', 36)])),
                new XElement(Ram + "TypeCode", Pick(random, ["380", "381", "999"])),
                new XElement(Ram + "FormattedIssueDateTime", new XElement(Qdt + "DateTimeString", new XAttribute("format", "102"), Pick(random, ["20260301", "19990101", "20260230"]))));
            var anchor = settlement.Element(Ram + "SpecifiedTradeSettlementHeaderMonetarySummation");
            if (anchor is null)
            {
                settlement.Add(added);
            }
            else
            {
                anchor.AddAfterSelf(added);
            }

            return $"type {before} -> {type.Value}, a BT-25 added";
        }

        if (change == 3)
        {
            var line = Transaction(root)?.Elements(Ram + "IncludedSupplyChainTradeLineItem").FirstOrDefault();
            line?.Element(Ram + "SpecifiedLineTradeSettlement")?.Add(new XElement(Ram + "InvoiceReferencedDocument",
                new XElement(Ram + "IssuerAssignedID", Pick(random, ["F-2026-000001", "F 2026", new string('F', 36)])),
                new XElement(Ram + "TypeCode", Pick(random, ["380", "999"])),
                new XElement(Ram + "FormattedIssueDateTime", new XElement(Qdt + "DateTimeString", new XAttribute("format", "102"), "20260301"))));
            reference?.Remove();
            return $"type {before} -> {type.Value}, BT-25 moved to the first line";
        }

        return $"type {before} -> {type.Value}";
    }

    private static string? Currency(XElement root, Random random)
    {
        var settlement = Transaction(root)?.Element(Ram + "ApplicableHeaderTradeSettlement");
        var currency = settlement?.Element(Ram + "InvoiceCurrencyCode");
        if (currency is null)
        {
            return null;
        }

        var change = random.Next(4);
        var before = currency.Value;
        if (change == 0 || settlement!.Element(Ram + "TaxCurrencyCode") is null)
        {
            currency.Value = Pick(random, ["USD", "GBP", "eur"]);
            foreach (var amount in settlement!.Descendants().Where(e => (string?)e.Attribute("currencyID") == before))
            {
                amount.SetAttributeValue("currencyID", currency.Value);
            }

            return $"currency {before} -> {currency.Value}, no EUR VAT total";
        }

        if (change == 1)
        {
            settlement.Element(Ram + "TaxCurrencyCode")!.Value = Pick(random, ["USD", "EUR", "CHF"]);
            return "BT-6 changed";
        }

        if (change == 2)
        {
            settlement.Element(Ram + "TaxCurrencyCode")!.Remove();
            return "BT-6 removed";
        }

        var euroTotal = settlement.Descendants(Ram + "TaxTotalAmount").FirstOrDefault(t => (string?)t.Attribute("currencyID") == "EUR");
        if (euroTotal is null)
        {
            return null;
        }

        euroTotal.Value = Pick(random, ["", "921.4", "921.405"]);
        return $"EUR VAT total -> '{euroTotal.Value}'";
    }

    private static string? Schemes(XElement root, Random random)
    {
        var identifiers = root.Descendants().Where(e => e.Name.LocalName is "URIID" or "GlobalID" || (e.Name.LocalName == "ID" && e.Parent?.Name.LocalName is "SpecifiedLegalOrganization" or "SpecifiedTaxRegistration")).ToList();
        if (identifiers.Count == 0)
        {
            return null;
        }

        var target = Pick(random, identifiers);
        var before = (string?)target.Attribute("schemeID");
        target.SetAttributeValue("schemeID", Pick(random, ["0225", "0002", "0009", "0224", "0231", "0088", "EM", "VA", "FC", "", null]));
        return $"{target.Parent?.Name.LocalName}/{target.Name.LocalName} scheme {before ?? "none"} -> {(string?)target.Attribute("schemeID") ?? "none"}";
    }

    private static string? Siret(XElement root, Random random)
    {
        var party = Party(root, Pick(random, ["SellerTradeParty", "BuyerTradeParty", "PayeeTradeParty", "ShipToTradeParty", "InvoiceeTradeParty"]));
        if (party is null)
        {
            return null;
        }

        var siren = (string?)party.Element(Ram + "SpecifiedLegalOrganization")?.Element(Ram + "ID") ?? "732829320";
        var siret = Pick(random, [siren + "00018", siren + "0001", "55210055400013", siren + "0001A", " " + siren + "00018", siren + "00018\n"]);
        party.Elements(Ram + "GlobalID").Where(g => (string?)g.Attribute("schemeID") == "0009").Remove();
        var anchor = party.Element(Ram + "ID");
        var element = new XElement(Ram + "GlobalID", new XAttribute("schemeID", "0009"), siret);
        if (anchor is null)
        {
            party.AddFirst(element);
        }
        else
        {
            anchor.AddAfterSelf(element);
        }

        return $"{party.Name.LocalName} SIRET '{siret}'";
    }

    private static string? BarTreatment(XElement root, Random random)
    {
        var header = root.Element(Rsm + "ExchangedDocument");
        if (header is null)
        {
            return null;
        }

        var treatment = Pick(random, ["B2B", "B2B", "B2C", "B2BINT", "OUTOFSCOPE", "XYZ", "B2B ", ""]);
        header.Add(new XElement(Ram + "IncludedNote", new XElement(Ram + "Content", treatment), new XElement(Ram + "SubjectCode", "BAR")));
        if (random.Next(3) == 0)
        {
            header.Add(new XElement(Ram + "IncludedNote", new XElement(Ram + "Content", Pick(random, ["B2C", "ARCHIVEONLY", "B2B"])), new XElement(Ram + "SubjectCode", "BAR")));
            treatment += " twice";
        }

        if (random.Next(2) == 0 && Party(root, "BuyerTradeParty")?.Element(Ram + "URIUniversalCommunication")?.Element(Ram + "URIID") is { } address)
        {
            var siren = (string?)Party(root, "BuyerTradeParty")?.Element(Ram + "SpecifiedLegalOrganization")?.Element(Ram + "ID") ?? "552100554";
            address.Value = Pick(random, [siren, siren + "_factures", "x" + siren]);
            address.SetAttributeValue("schemeID", Pick(random, ["0225", "EM"]));
            treatment += $", buyer address {address.Value}";
        }

        if (random.Next(3) == 0 && Path(root, "ExchangedDocument", "TypeCode") is { } type)
        {
            type.Value = Pick(random, ["389", "501", "380"]);
            treatment += $", type {type.Value}";
        }

        return $"BAR '{treatment}'";
    }

    private static string? BillingMode(XElement root, Random random)
    {
        var context = root.Element(Rsm + "ExchangedDocumentContext");
        if (context is null)
        {
            return null;
        }

        var parameter = context.Element(Ram + "BusinessProcessSpecifiedDocumentContextParameter");
        if (parameter is null)
        {
            parameter = new XElement(Ram + "BusinessProcessSpecifiedDocumentContextParameter", new XElement(Ram + "ID"));
            context.AddFirst(parameter);
        }

        var id = Ensure(parameter, Ram + "ID");
        id.Value = Pick(random, ["B2", "S2", "M2", "B4", "S4", "M4", "S8", "B9", "M1", "A1", "", "M1 ", "b1", "S3", "B7"]);
        var extra = string.Empty;
        if (random.Next(2) == 0 && Path(root, "ExchangedDocument", "TypeCode") is { } type)
        {
            type.Value = Pick(random, ["386", "500", "503", "380", "389"]);
            extra = $", type {type.Value}";
        }

        if (random.Next(2) == 0 && All(root, "TotalPrepaidAmount").FirstOrDefault() is null && All(root, "GrandTotalAmount").FirstOrDefault() is { } grand)
        {
            grand.AddAfterSelf(new XElement(Ram + "TotalPrepaidAmount", grand.Value));
            if (All(root, "DuePayableAmount").FirstOrDefault() is { } due)
            {
                due.Value = "0.00";
            }

            extra += ", paid";
        }

        return $"BT-23 '{id.Value}'{extra}";
    }

    private static string? Dates(XElement root, Random random)
    {
        var dates = root.Descendants().Where(e => e.Name.LocalName is "DateTimeString" or "DateString").ToList();
        if (dates.Count == 0)
        {
            return null;
        }

        var target = Pick(random, dates);
        var before = target.Value;
        target.Value = Pick(random, ["20261301", "19991231", "20260229", "20280229", "20260431", "2026-03-01", "20260315T1000", "21000101", "20260100", "", "2O260301", "20250101", "20991231"]);
        return $"{target.Parent?.Name.LocalName} {before} -> '{target.Value}'";
    }

    private static string? NumberFormat(XElement root, Random random)
    {
        var numbers = root.Descendants().Where(e => !e.HasElements && (e.Name.LocalName.EndsWith("Amount", StringComparison.Ordinal) || e.Name.LocalName is "BilledQuantity" or "BasisQuantity" or "RateApplicablePercent")).ToList();
        if (numbers.Count == 0)
        {
            return null;
        }

        var target = Pick(random, numbers);
        var before = target.Value;
        target.Value = Pick(random, ["100.005", "100.1234", "100.12345", "100.1234567", "-5.00", "1234567890123456789", "12345678901234567890", "1e3", "100.", " 100.00 ", "+100", "0", "20.000", "20.00", "-20", "12345.5"]);
        return $"{target.Name.LocalName} {before} -> '{target.Value}'";
    }

    private static string? VatCategory(XElement root, Random random)
    {
        var categories = All(root, "CategoryCode").ToList();
        if (categories.Count == 0)
        {
            return null;
        }

        var target = Pick(random, categories);
        var before = target.Value;
        if (random.Next(4) == 0 && target.Parent?.Parent?.Name.LocalName == "SpecifiedLineTradeSettlement")
        {
            target.Remove();
            return "line category removed";
        }

        target.Value = Pick(random, ["L", "M", "B", "X", "S", "Z", "E", "AE", "K", "G", "O", "s", " S"]);
        return $"category {before} -> '{target.Value}'";
    }

    private static string? VatRate(XElement root, Random random)
    {
        var rates = All(root, "RateApplicablePercent").ToList();
        if (rates.Count == 0)
        {
            return null;
        }

        var target = Pick(random, rates);
        var before = target.Value;
        target.Value = Pick(random, ["19", "19.6", "8.5", "2.10", "5.50", "20.000", "7.0", "0.9", "1.05", "13", "20%", "12.5"]);
        return $"rate {before} -> '{target.Value}'";
    }

    private static string? ElectronicAddress(XElement root, Random random)
    {
        var party = Party(root, Pick(random, ["SellerTradeParty", "BuyerTradeParty"]));
        var address = party?.Element(Ram + "URIUniversalCommunication");
        if (party is null || address is null)
        {
            return null;
        }

        var id = address.Element(Ram + "URIID");
        switch (random.Next(4))
        {
            case 0:
                address.Remove();
                return $"{party.Name.LocalName} address removed";
            case 1 when id is not null:
                id.Value = Pick(random, [new string('a', 126), new string('a', 125), "contact@example.fr", "732829320_factures", "732 829 320", ""]);
                return $"{party.Name.LocalName} address '{id.Value}'";
            case 2 when id is not null:
                id.SetAttributeValue("schemeID", Pick(random, ["0225", "EM", null]));
                return $"{party.Name.LocalName} address scheme {(string?)id.Attribute("schemeID") ?? "none"}";
            default:
                return null;
        }
    }

    private static string? GlobalIds(XElement root, Random random)
    {
        var party = Party(root, Pick(random, ["SellerTradeParty", "BuyerTradeParty", "ShipToTradeParty"]));
        if (party is null)
        {
            return null;
        }

        var value = Pick(random, ["PRIV-001", "priv id", new string('p', 101), "3012345678901"]);
        var scheme = Pick(random, ["0224", "0088", "0060", null]);
        var element = new XElement(Ram + "GlobalID", value);
        if (scheme is not null)
        {
            element.SetAttributeValue("schemeID", scheme);
        }

        var anchor = party.Elements(Ram + "GlobalID").LastOrDefault() ?? party.Element(Ram + "ID");
        if (anchor is null)
        {
            party.AddFirst(element);
        }
        else
        {
            anchor.AddAfterSelf(element);
        }

        if (random.Next(3) == 0)
        {
            element.AddAfterSelf(new XElement(element));
            return $"{party.Name.LocalName} two GlobalID '{value}' scheme {scheme ?? "none"}";
        }

        return $"{party.Name.LocalName} GlobalID '{value}' scheme {scheme ?? "none"}";
    }

    private static string? SingleTaxablePerson(XElement root, Random random)
    {
        var seller = Party(root, "SellerTradeParty");
        if (seller is null)
        {
            return null;
        }

        seller.AddFirst(new XElement(Ram + "GlobalID", new XAttribute("schemeID", "0231"), Pick(random, ["732829320", "73282932"])));
        var description = "seller in a single taxable person";
        if (random.Next(2) == 0)
        {
            root.Element(Rsm + "ExchangedDocument")?.Add(new XElement(Ram + "IncludedNote", new XElement(Ram + "Content", Pick(random, ["MEMBRE_ASSUJETTI_UNIQUE", "MEMBRE"])), new XElement(Ram + "SubjectCode", "TXD")));
            description += ", TXD note";
        }

        if (random.Next(2) == 0)
        {
            seller.AddAfterSelf(new XElement(Ram + "SellerTaxRepresentativeTradeParty",
                new XElement(Ram + "Name", "Groupe TVA"),
                new XElement(Ram + "PostalTradeAddress", new XElement(Ram + "CountryID", "FR")),
                new XElement(Ram + "SpecifiedTaxRegistration", new XElement(Ram + "ID", new XAttribute("schemeID", Pick(random, ["VA", "FC"])), "FR32732829320"))));
            description += ", tax representative";
        }

        return description;
    }

    private static string? Attachments(XElement root, Random random)
    {
        var agreement = Transaction(root)?.Element(Ram + "ApplicableHeaderTradeAgreement");
        if (agreement is null)
        {
            return null;
        }

        var names = new List<string>();
        var twoReadable = random.Next(3) == 0;
        for (var i = random.Next(1, 3) + (twoReadable ? 1 : 0); i > 0; i--)
        {
            var name = twoReadable && i <= 2 ? "LISIBLE" : Pick(random, ["LISIBLE", "RIB", "PJA", "FACTURE", "", " LISIBLE "]);
            names.Add(name);
            agreement.Add(new XElement(Ram + "AdditionalReferencedDocument",
                new XElement(Ram + "IssuerAssignedID", "PJ-" + i),
                new XElement(Ram + "TypeCode", Pick(random, ["916", "916", "50"])),
                new XElement(Ram + "Name", name)));
        }

        return $"attachments {string.Join(", ", names)}";
    }

    private static string? ItemAttributes(XElement root, Random random)
    {
        var product = All(root, "SpecifiedTradeProduct").FirstOrDefault();
        if (product is null)
        {
            return null;
        }

        var attribute = new XElement(Ram + "ApplicableProductCharacteristic");
        var shape = random.Next(6);
        if (shape is 0 or 1 or 2)
        {
            attribute.Add(new XElement(Ram + "Description", shape == 2 ? " " : "Couleur"));
        }

        if (shape is 1 or 3)
        {
            attribute.Add(new XElement(Ram + "TypeCode", shape == 3 ? string.Empty : "COL"));
        }

        if (shape is not 4)
        {
            attribute.Add(new XElement(Ram + "Value", "Bleu"));
        }

        if (shape is 0 or 4 or 5)
        {
            var measure = new XElement(Ram + "ValueMeasure", "12");
            if (shape != 5)
            {
                measure.SetAttributeValue("unitCode", "KGM");
            }

            attribute.Add(measure);
        }

        product.Add(attribute);
        return $"item attribute shape {shape}";
    }

    private static string? InvoicedObjects(XElement root, Random random)
    {
        var agreement = Transaction(root)?.Element(Ram + "ApplicableHeaderTradeAgreement");
        if (agreement is null)
        {
            return null;
        }

        var codes = new List<string>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var code = Pick(random, ["AFL", "AVV", "ABZ"]);
            codes.Add(code);
            agreement.Add(new XElement(Ram + "AdditionalReferencedDocument",
                new XElement(Ram + "IssuerAssignedID", Pick(random, ["OBJ-1", "", " "])),
                new XElement(Ram + "TypeCode", "130"),
                new XElement(Ram + "ReferenceTypeCode", code)));
        }

        return $"invoiced objects {string.Join(", ", codes)}";
    }

    /// <summary>
    /// Turns the invoice into a multi-vendor (M8) or bidirectional (B9) one: its first line becomes a GROUP head
    /// carrying the seller as vendor and a sub-invoice number, the others its DETAIL children, then perhaps breaks
    /// one piece of that structure.
    /// </summary>
    private static string? MultiVendor(XElement root, Random random)
    {
        var transaction = Transaction(root);
        var lines = transaction?.Elements(Ram + "IncludedSupplyChainTradeLineItem").ToList() ?? [];
        var context = root.Element(Rsm + "ExchangedDocumentContext");
        var number = (string?)Path(root, "ExchangedDocument", "ID");
        var seller = Party(root, "SellerTradeParty");
        if (lines.Count == 0 || context is null || number is null || seller is null)
        {
            return null;
        }

        var mode = Pick(random, ["M8", "S8", "B8", "B9"]);
        var parameter = context.Element(Ram + "BusinessProcessSpecifiedDocumentContextParameter");
        if (parameter is null)
        {
            context.AddFirst(new XElement(Ram + "BusinessProcessSpecifiedDocumentContextParameter", new XElement(Ram + "ID", mode)));
        }
        else
        {
            Ensure(parameter, Ram + "ID").Value = mode;
        }

        // A parent's fields are read as one value: line ids must be unique (an official sample repeats them).
        var lineIds = lines.Select(l => (string?)Path(l, "AssociatedDocumentLineDocument", "LineID")).ToList();
        if (lineIds.Distinct().Count() != lines.Count)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                Ensure(Ensure(lines[i], Ram + "AssociatedDocumentLineDocument"), Ram + "LineID").Value = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var sellerId = (string?)seller.Element(Ram + "SpecifiedLegalOrganization")?.Element(Ram + "ID") ?? "732829320";
        var sellerName = (string?)seller.Element(Ram + "Name") ?? "Vendeur";
        var headId = (string?)Path(lines[0], "AssociatedDocumentLineDocument", "LineID") ?? "1";
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var document = Ensure(line, Ram + "AssociatedDocumentLineDocument");
            if (i > 0)
            {
                document.Add(new XElement(Ram + "ParentLineID", headId));
            }

            document.Add(new XElement(Ram + "LineStatusReasonCode", i == 0 ? "GROUP" : "DETAIL"));
            var agreement = Ensure(line, Ram + "SpecifiedLineTradeAgreement");
            agreement.Add(new XElement(Ram + "ItemSellerTradeParty",
                new XElement(Ram + "Name", sellerName),
                new XElement(Ram + "SpecifiedLegalOrganization", new XElement(Ram + "ID", new XAttribute("schemeID", "0002"), sellerId)),
                new XElement(Ram + "PostalTradeAddress", new XElement(Ram + "CountryID", "FR"))));
            var settlement = Ensure(line, Ram + "SpecifiedLineTradeSettlement");
            settlement.Add(new XElement(Ram + "AdditionalReferencedDocument",
                new XElement(Ram + "IssuerAssignedID", number), new XElement(Ram + "TypeCode", "130"), new XElement(Ram + "ReferenceTypeCode", "AFL")));
            if (i > 0 && settlement.Element(Ram + "ApplicableTradeTax") is { } tax)
            {
                // A detail line's exemption reason starts with its sub-invoice number (BR-FR-MV-08); one reason only.
                Ensure(tax, Ram + "ExemptionReason").Value = $"#{number}# Sous-facture";
            }
        }

        var head = lines[0].Element(Ram + "SpecifiedLineTradeSettlement")!;
        var summation = head.Element(Ram + "SpecifiedTradeSettlementLineMonetarySummation");
        var children = lines.Skip(1).Select(l => (string?)l.Descendants(Ram + "LineTotalAmount").FirstOrDefault()).Where(v => v is not null).Select(v => decimal.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).Sum();
        var currency = (string?)transaction!.Element(Ram + "ApplicableHeaderTradeSettlement")?.Element(Ram + "InvoiceCurrencyCode") ?? "EUR";
        summation?.Element(Ram + "LineTotalAmount")?.SetValue(children.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        if (summation is not null && summation.Element(Ram + "TaxTotalAmount") is null)
        {
            summation.Add(new XElement(Ram + "TaxTotalAmount", new XAttribute("currencyID", currency), "0.00"));
        }

        var settlementBlock = transaction.Element(Ram + "ApplicableHeaderTradeSettlement");
        var broken = random.Next(16) switch
        {
            8 => SetValue(summation?.Element(Ram + "TaxTotalAmount"), "5.00", "head VAT total"),
            9 => AddGrandTotal(summation, random),
            10 => SecondHead(lines),
            11 => SetValue(Path(root, "ExchangedDocument", "TypeCode"), Pick(random, ["389", "381", "261", "471", "384", "502"]), "type"),
            12 => SetValue(lines[0].Descendants(Ram + "LineStatusReasonCode").First(), " ", "head status"),
            13 => Remove(summation?.Element(Ram + "TaxTotalAmount"), "head VAT total"),
            14 => AddAccountingCurrency(settlementBlock),
            15 => SetValue(lines[0].Descendants(Ram + "AdditionalReferencedDocument").First().Element(Ram + "TypeCode"), "50", "head AFL type"),
            0 => Remove(lines[0].Descendants(Ram + "ItemSellerTradeParty").First().Element(Ram + "Name"), "head vendor name"),
            1 => Remove(lines[^1].Descendants(Ram + "LineStatusReasonCode").FirstOrDefault(), "last line status"),
            2 => Remove(lines[^1].Descendants(Ram + "AdditionalReferencedDocument").FirstOrDefault(), "last line sub-invoice number"),
            3 => SetValue(summation?.Element(Ram + "LineTotalAmount"), "1.00", "head net total"),
            4 => SetValue(lines[^1].Descendants(Ram + "ParentLineID").FirstOrDefault(), "99", "parent id"),
            5 => SetValue(lines[0].Descendants(Ram + "LineStatusReasonCode").First(), "DETAIL", "head status"),
            _ => "intact",
        };
        return $"{mode} with {lines.Count} lines, {broken}";
    }

    private static string AddGrandTotal(XElement? summation, Random random)
    {
        summation?.Add(new XElement(Ram + "GrandTotalAmount", Pick(random, ["0.00", "1000.00", "", "12.5"])));
        return "head gross total added";
    }

    /// <summary>The second line also heads a group, under the same sub-invoice number (BR-FR-MV-12).</summary>
    private static string SecondHead(IReadOnlyList<XElement> lines)
    {
        if (lines.Count < 2)
        {
            return "single line";
        }

        lines[1].Descendants(Ram + "ParentLineID").Remove();
        lines[1].Descendants(Ram + "LineStatusReasonCode").First().Value = "GROUP";
        return "second head with the same number";
    }

    private static string AddAccountingCurrency(XElement? settlement)
    {
        if (settlement is null || settlement.Element(Ram + "TaxCurrencyCode") is not null)
        {
            return "accounting currency kept";
        }

        settlement.Element(Ram + "InvoiceCurrencyCode")?.AddAfterSelf(new XElement(Ram + "TaxCurrencyCode", "USD"));
        return "accounting currency USD";
    }

    /// <summary>Dates the generated invoices do not carry: tax point, billing period, per line.</summary>
    private static string? AddedDates(XElement root, Random random)
    {
        var transaction = Transaction(root);
        var settlement = transaction?.Element(Ram + "ApplicableHeaderTradeSettlement");
        var line = transaction?.Elements(Ram + "IncludedSupplyChainTradeLineItem").FirstOrDefault()?.Element(Ram + "SpecifiedLineTradeSettlement");
        if (settlement is null || line is null)
        {
            return null;
        }

        var value = Pick(random, ["20260230", "19991231", "20260315", "2026031", "20261232"]);
        XElement DateTime(string name) => new(Ram + name, new XElement(Udt + "DateTimeString", new XAttribute("format", "102"), value));
        switch (random.Next(4))
        {
            case 0:
                settlement.Element(Ram + "ApplicableTradeTax")?.Add(new XElement(Ram + "TaxPointDate", new XElement(Udt + "DateString", new XAttribute("format", "102"), value)));
                return $"tax point date '{value}'";
            case 1:
                settlement.Elements(Ram + "BillingSpecifiedPeriod").Remove();
                settlement.Add(new XElement(Ram + "BillingSpecifiedPeriod", DateTime("StartDateTime"), DateTime("EndDateTime")));
                return $"billing period '{value}'";
            case 2:
                line.Elements(Ram + "BillingSpecifiedPeriod").Remove();
                line.AddFirst(new XElement(Ram + "BillingSpecifiedPeriod", DateTime("StartDateTime"), DateTime("EndDateTime")));
                return $"line billing period '{value}'";
            default:
                var delivery = line.Parent!.Element(Ram + "SpecifiedLineTradeDelivery");
                delivery?.Add(new XElement(Ram + "ActualDeliverySupplyChainEvent", DateTime("OccurrenceDateTime")));
                return delivery is null ? null : $"line delivery date '{value}'";
        }
    }

    /// <summary>A line-level reference to an earlier invoice, or invoiced objects put straight under a line.</summary>
    private static string? LineReferences(XElement root, Random random)
    {
        var line = Transaction(root)?.Elements(Ram + "IncludedSupplyChainTradeLineItem").FirstOrDefault();
        var settlement = line?.Element(Ram + "SpecifiedLineTradeSettlement");
        if (line is null || settlement is null)
        {
            return null;
        }

        if (random.Next(2) == 0)
        {
            var id = Pick(random, ["F-2026-000001", new string('F', 36), "F 1", "F#1"]);
            settlement.Add(new XElement(Ram + "InvoiceReferencedDocument",
                new XElement(Ram + "IssuerAssignedID", id),
                new XElement(Ram + "TypeCode", Pick(random, ["380", "999"])),
                new XElement(Ram + "FormattedIssueDateTime", new XElement(Qdt + "DateTimeString", new XAttribute("format", "102"), Pick(random, ["20260301", "20260230"])))));
            return $"line reference '{id}'";
        }

        var codes = new List<string>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var code = Pick(random, ["AFL", "AVV"]);
            codes.Add(code);
            line.Add(new XElement(Ram + "AdditionalReferencedDocument", new XElement(Ram + "IssuerAssignedID", Pick(random, ["OBJ", ""])), new XElement(Ram + "ReferenceTypeCode", code)));
        }

        return $"line invoiced objects {string.Join(", ", codes)}";
    }

    /// <summary>A payee, ship-to, invoicee, agent or payer party with a SIRET, global ids and an electronic address.</summary>
    private static string? OtherParties(XElement root, Random random)
    {
        var transaction = Transaction(root);
        if (transaction is null)
        {
            return null;
        }

        var (container, name) = Pick(random, new (string, string)[]
        {
            ("ApplicableHeaderTradeSettlement", "PayeeTradeParty"), ("ApplicableHeaderTradeSettlement", "PayerTradeParty"),
            ("ApplicableHeaderTradeSettlement", "InvoiceeTradeParty"), ("ApplicableHeaderTradeSettlement", "InvoicerTradeParty"),
            ("ApplicableHeaderTradeAgreement", "BuyerAgentTradeParty"), ("ApplicableHeaderTradeAgreement", "SalesAgentTradeParty"),
            ("ApplicableHeaderTradeDelivery", "ShipToTradeParty"),
        });
        var parent = transaction.Element(Ram + container);
        if (parent is null)
        {
            return null;
        }

        parent.Elements(Ram + name).Remove();
        // One SIRET at most: the rule takes the SIREN from "the" SIRET when the party states none.
        var globalId = new XElement(Ram + "GlobalID", "3012345678901");
        if (Pick(random, ["0088", "0088", null]) is { } scheme)
        {
            globalId.SetAttributeValue("schemeID", scheme);
        }

        var party = new XElement(Ram + name,
            new XElement(Ram + "GlobalID", new XAttribute("schemeID", "0009"), Pick(random, ["55210055400013", "5521005540001", "73282932000018"])),
            globalId,
            new XElement(Ram + "Name", "Tiers"));
        if (random.Next(2) == 0)
        {
            party.Add(new XElement(Ram + "SpecifiedLegalOrganization", new XElement(Ram + "ID", new XAttribute("schemeID", "0002"), Pick(random, ["552100554", "732829320", ""]))));
        }

        party.Add(new XElement(Ram + "URIUniversalCommunication", new XElement(Ram + "URIID", new XAttribute("schemeID", Pick(random, ["0225", "EM"])),
            Pick(random, ["552100554", "tiers@example.fr", new string('t', 126)]))));
        if (container == "ApplicableHeaderTradeSettlement")
        {
            parent.AddFirst(party);
        }
        else
        {
            parent.Add(party);
        }

        return $"{name} added";
    }

    private static string Remove(XElement? element, string what)
    {
        element?.Remove();
        return $"{what} removed";
    }

    private static string SetValue(XElement? element, string value, string what)
    {
        element?.SetValue(value);
        return $"{what} -> {value}";
    }

    private static string? Removal(XElement root, Random random)
    {
        var relevant = root.Descendants().Where(e => e.Name.LocalName is "IncludedNote" or "SpecifiedLegalOrganization" or "URIUniversalCommunication" or "TaxCurrencyCode"
            or "InvoiceReferencedDocument" or "BusinessProcessSpecifiedDocumentContextParameter" or "DueDateDateTime" or "TaxTotalAmount" or "CategoryCode" or "ID").ToList();
        if (relevant.Count == 0)
        {
            return null;
        }

        var target = Pick(random, relevant);
        target.Remove();
        return $"removed {target.Name.LocalName}";
    }
}
