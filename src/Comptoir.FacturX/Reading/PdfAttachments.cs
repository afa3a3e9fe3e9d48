namespace Comptoir.FacturX.Reading;

/// <summary>Finds the files embedded in a PDF and the structured invoice among them.</summary>
public static class PdfAttachments
{
    /// <summary>Largest PDF the reader accepts.</summary>
    public const int MaxPdfSize = PdfFile.MaxSize;

    /// <summary>Names under which producers embed an EN 16931 CII invoice (Factur-X, ZUGFeRD 2, XRechnung).</summary>
    public static readonly IReadOnlyList<string> InvoiceXmlNames = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml"];

    /// <summary>Every embedded file: name tree entries, catalog /AF entries, and stray file specifications.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a readable PDF, or it needs a password to open.</exception>
    public static IReadOnlyList<EmbeddedFile> List(byte[] pdf)
    {
        // An encrypted file is decrypted on opening when anyone may open it (empty user password); else Open refuses it.
        var file = PdfFile.Open(pdf);

        var catalogAf = new HashSet<PdfDictionary>(ReferenceEqualityComparer.Instance);
        if (file.Resolve(file.Catalog["AF"]) is PdfArray af)
        {
            foreach (var spec in af.Items.Select(file.ResolveDictionary).OfType<PdfDictionary>())
            {
                catalogAf.Add(spec);
            }
        }

        var specs = new List<PdfDictionary>();
        var names = file.ResolveDictionary(file.Catalog["Names"]);
        CollectNameTree(file, file.ResolveDictionary(names?["EmbeddedFiles"]), specs, 0);
        specs.AddRange(catalogAf);
        specs.AddRange(file.Objects.OfType<PdfDictionary>().Where(d => d["EF"] is not null));

        var result = new List<EmbeddedFile>();
        foreach (var spec in specs.Distinct(ReferenceEqualityComparer.Instance).Cast<PdfDictionary>())
        {
            var embedded = Read(file, spec, catalogAf.Contains(spec));
            if (embedded is not null && !result.Any(r => r.Name == embedded.Name && r.Content.AsSpan().SequenceEqual(embedded.Content)))
            {
                result.Add(embedded);
            }
        }

        return result;
    }

    /// <summary>The embedded invoice XML (factur-x.xml, zugferd-invoice.xml, xrechnung.xml), or null.</summary>
    public static EmbeddedFile? FindInvoiceXml(byte[] pdf)
    {
        var files = List(pdf);
        foreach (var name in InvoiceXmlNames)
        {
            var match = files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private static void CollectNameTree(PdfFile file, PdfDictionary? node, List<PdfDictionary> specs, int depth)
    {
        if (node is null || depth > 32)
        {
            return;
        }

        if (file.Resolve(node["Names"]) is PdfArray pairs)
        {
            for (var i = 1; i < pairs.Items.Count; i += 2)
            {
                if (file.ResolveDictionary(pairs.Items[i]) is { } spec)
                {
                    specs.Add(spec);
                }
            }
        }

        if (file.Resolve(node["Kids"]) is PdfArray kids)
        {
            foreach (var kid in kids.Items)
            {
                CollectNameTree(file, file.ResolveDictionary(kid), specs, depth + 1);
            }
        }
    }

    private static EmbeddedFile? Read(PdfFile file, PdfDictionary spec, bool inCatalogAf)
    {
        var ef = file.ResolveDictionary(spec["EF"]);
        var stream = file.Resolve(ef?["UF"]) as PdfStream ?? file.Resolve(ef?["F"]) as PdfStream;
        if (stream is null)
        {
            return null;
        }

        var name = (file.Resolve(spec["UF"]) as PdfBytes)?.AsText() ?? (file.Resolve(spec["F"]) as PdfBytes)?.AsText() ?? "attachment";
        var mime = (file.Resolve(stream.Dictionary["Subtype"]) as PdfName)?.Value;
        var relationship = (file.Resolve(spec["AFRelationship"]) as PdfName)?.Value;
        var parameters = file.ResolveDictionary(stream.Dictionary["Params"]);
        var modDate = (file.Resolve(parameters?["ModDate"]) as PdfBytes)?.AsText();
        return new EmbeddedFile(name, file.Decode(stream), mime, relationship, modDate, inCatalogAf);
    }
}
