using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Comptoir.FacturX.Reading;
using Comptoir.FacturX.Tests.Support;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

/// <summary>
/// A credit note's PDF, as the document job renders it: type 381 naming the invoice (BT-25, BT-26), read as text
/// (it says AVOIR or CREDIT NOTE and what becomes of the amount, and asks for no payment), and its XML through the
/// official XSD, EN 16931, Factur-X 1.08 and 1.09.2 and BR-FR rule sets.
/// </summary>
public sealed class CreditNoteDocumentTests
{
    private static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    private const string FrenchClient = """
        {"name": "Boulangerie Martin", "kind": "company", "email": "compta@martin.fr", "currency": "EUR", "locale": "fr",
         "tax_identification_number": "552100554",
         "billing_address": {"street_address": "3 rue du Four", "city": "Lyon", "zip_code": "69002", "country_code": "FR"}}
        """;

    [ConformanceFact]
    public async Task Credit_notes_are_factur_x_381_files_that_ask_for_no_payment_and_pass_the_official_rules()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var http = server.Client;
        var french = (await ApiAssert.Json(await http.Post("v2/clients", FrenchClient), HttpStatusCode.Created)).GetProperty("client").GetProperty("id").GetString()!;
        var english = await Seeds.CreateClientAsync(http);

        // A partial credit note of an unpaid invoice, to a French client: to deduct.
        var unpaid = await Seeds.CreateInvoiceAsync(http, CreditNotesTests.TwoItemInvoice(french, server.Demo.Account.Iban));
        var partial = await IssueAsync(http, CreditNotesTests.Credit(unpaid.GetProperty("id").GetString()!, CreditNotesTests.ByQuantity(0, "2.5"), CreditNotesTests.ByAmount(1, "20.00")));
        // A full credit note of a paid invoice, to an English-speaking client: to refund.
        var paid = await Seeds.CreateInvoiceAsync(http, CreditNotesTests.TwoItemInvoice(english, server.Demo.Account.Iban));
        await ApiAssert.Json(await http.PostAsync($"v2/client_invoices/{paid.GetProperty("id").GetString()}/mark_as_paid", null), HttpStatusCode.OK);
        var full = await IssueAsync(http, CreditNotesTests.Credit(paid.GetProperty("id").GetString()!));

        var directory = Directory.CreateTempSubdirectory("comptoir-credit-notes-").FullName;
        try
        {
            var partialText = await CheckDocumentAsync(http, partial, unpaid, directory, "partial");
            Assert.Contains("AVOIR", partialText, StringComparison.Ordinal);
            Assert.Contains("Montant à déduire", partialText, StringComparison.Ordinal);
            Assert.Contains("Facture d'origine", partialText, StringComparison.Ordinal);
            Assert.Contains("Motif : Prestation partiellement annulée", partialText, StringComparison.Ordinal);
            // The reason is the header's: the note that carries it in the XML (BT-22, ACD) is not printed again.
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(partialText, "Prestation partiellement annulée"));
            Assert.DoesNotContain("Net à payer", partialText, StringComparison.Ordinal);

            var fullText = await CheckDocumentAsync(http, full, paid, directory, "full");
            Assert.Contains("CREDIT NOTE", fullText, StringComparison.Ordinal);
            Assert.Contains("Amount to refund", fullText, StringComparison.Ordinal);
            Assert.DoesNotContain("Amount due", fullText, StringComparison.Ordinal);

            var errors = OfficialErrors(directory);
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }
        finally
        {
            // As the corpus run: COMPTOIR_KEEP_CONFORMANCE_OUTPUT keeps the PDFs, XML and reports to look at.
            if (Environment.GetEnvironmentVariable("COMPTOIR_KEEP_CONFORMANCE_OUTPUT") is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<JsonElement> IssueAsync(HttpClient http, JsonObject body) =>
        (await ApiAssert.Json(await http.Post("v2/credit_notes", body), HttpStatusCode.Created)).GetProperty("credit_note");

    /// <summary>Downloads the credit note's PDF, checks its XML's type and references, writes the XML for the batch and returns the PDF's text.</summary>
    private static async Task<string> CheckDocumentAsync(HttpClient http, JsonElement note, JsonElement invoice, string directory, string name)
    {
        var pdf = await DownloadAsync(http, note.GetProperty("id").GetString()!);
        var xml = PdfAttachments.FindInvoiceXml(pdf) ?? throw new InvalidOperationException("no factur-x.xml in the credit note");
        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml.Content));
        var header = document.Root!.Element(Rsm + "ExchangedDocument")!;
        Assert.Equal(note.GetProperty("number").GetString(), header.Element(Ram + "ID")!.Value);
        Assert.Equal("381", header.Element(Ram + "TypeCode")!.Value);
        var referenced = document.Descendants(Ram + "InvoiceReferencedDocument").Single();
        Assert.Equal(invoice.GetProperty("number").GetString(), referenced.Element(Ram + "IssuerAssignedID")!.Value);
        Assert.Equal(invoice.GetProperty("issue_date").GetString()!.Replace("-", string.Empty, StringComparison.Ordinal), referenced.Descendants().Last().Value);
        Assert.Empty(document.Descendants(Ram + "SpecifiedTradeSettlementPaymentMeans"));
        var grandTotal = decimal.Parse(document.Descendants(Ram + "GrandTotalAmount").Single().Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(-note.GetProperty("total_amount_cents").GetInt64(), (long)(grandTotal * 100m));
        File.WriteAllBytes(Path.Combine(directory, name + ".xml"), xml.Content);

        var pdfPath = Path.Combine(directory, name + ".pdf");
        File.WriteAllBytes(pdfPath, pdf);
        var text = ExternalTool.Run("pdftotext", ["-layout", pdfPath, "-"]).Output;
        Assert.DoesNotContain("IBAN", text, StringComparison.Ordinal);
        return text;
    }

    private static async Task<byte[]> DownloadAsync(HttpClient http, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var note = (await ApiAssert.Json(await http.GetAsync($"v2/credit_notes/{id}"), HttpStatusCode.OK)).GetProperty("credit_note");
            if (note.GetProperty("attachment_id").GetString() is { } attachmentId)
            {
                var attachment = (await ApiAssert.Json(await http.GetAsync($"v2/attachments/{attachmentId}"), HttpStatusCode.OK)).GetProperty("attachment");
                return await http.GetByteArrayAsync(attachment.GetProperty("url").GetString());
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No document for credit note {id}.");
    }

    /// <summary>The XSD and every rule set over the directory's XML files, in batch (one JVM per rule set).</summary>
    private static List<string> OfficialErrors(string directory)
    {
        var xmlDirectory = Path.Combine(directory, "xml");
        Directory.CreateDirectory(xmlDirectory);
        foreach (var file in Directory.GetFiles(directory, "*.xml"))
        {
            File.Copy(file, Path.Combine(xmlDirectory, Path.GetFileName(file)));
        }

        var errors = new List<string>();
        var schema = ConformanceDirectory.Facturx("facturx-1.08", "schema", "3_Factur-X_1.08_EN16931", "FACTUR-X_EN16931.xsd");
        var xsd = ExternalTool.Run("xmllint", ["--noout", "--schema", schema, .. Directory.GetFiles(xmlDirectory)]);
        errors.AddRange(xsd.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.EndsWith(" validates", StringComparison.Ordinal)).Select(l => "[XSD] " + l));
        var ruleSets = new Dictionary<string, string>
        {
            ["EN16931-CII-1.3.16"] = ConformanceDirectory.Facturx("en16931-cii-1.3.16", "cii", "xslt", "EN16931-CII-validation.xslt"),
            ["FACTUR-X-1.08-EN16931"] = ConformanceDirectory.Facturx("facturx-1.08", "schema", "3_Factur-X_1.08_EN16931", "_XSLT_EN16931", "FACTUR-X_EN16931.xslt"),
            ["FACTUR-X-1.09.2-EN16931"] = ConformanceDirectory.Facturx("facturx-1.09.2", "xslt", "FACTUR-X_EN16931.xslt"),
            ["BR-FR-FLUX2"] = ConformanceDirectory.Facturx("fr-ctc", "akretion", "cii-schematron-fr-ctc", "BR-FR-Flux2-Schematron-CII.xslt"),
        };
        foreach (var (name, stylesheet) in ruleSets)
        {
            var output = Path.Combine(directory, "svrl-" + name);
            Directory.CreateDirectory(output);
            var run = ExternalTool.Saxon(stylesheet, xmlDirectory, output);
            Assert.True(run.ExitCode == 0, $"Saxon failed on {name}: {run.Error}");
            foreach (var report in Directory.GetFiles(output))
            {
                errors.AddRange(SvrlReport.Errors(report).Select(e => $"[{name}] {Path.GetFileName(report)} {e}"));
            }
        }

        return errors;
    }
}
