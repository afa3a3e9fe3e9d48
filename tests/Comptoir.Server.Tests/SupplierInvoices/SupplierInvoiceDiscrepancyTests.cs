using System.Net;
using System.Text.Json;
using Comptoir.FacturX.Validation;
using Comptoir.Server.SupplierInvoices;
using Comptoir.Server.Tests.Support;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>
/// has_discrepancies from the native EN 16931 validator: each fatal rule an e-invoice that claims EN 16931 breaks is
/// one discrepancy with its rule id, text, location and business term; warnings are none; MINIMUM and BASIC WL keep
/// the arithmetic checks. The official samples that pass stay clean (SupplierInvoiceImportTests).
/// </summary>
public sealed class SupplierInvoiceDiscrepancyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_broken_total_or_a_missing_mandatory_field_shows_its_rules_through_the_api(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var ids = await SupplierInvoiceLifecycleTests.UploadAsync(server,
            (Ubl("U-OK"), "ubl-ok.xml"),
            (Ubl("U-TOTAL", grandTotal: 999m), "ubl-total.xml"),
            (Ubl("U-NAME", supplier: null), "ubl-name.xml"),
            (Cii("C-OK"), "cii-ok.xml"),
            (Cii("C-TOTAL", grandTotal: 999m), "cii-total.xml"),
            (Cii("C-NAME", supplier: null), "cii-name.xml"));
        await Seeds.WaitForJobsAsync(server.Database);

        foreach (var clean in new[] { ids[0], ids[3] })
        {
            var invoice = await GetAsync(server, clean);
            Assert.True(invoice.GetProperty("is_einvoice").GetBoolean());
            Assert.False(invoice.GetProperty("has_discrepancies").GetBoolean(), invoice.GetProperty("discrepancies").GetRawText());
            Assert.Equal(0, invoice.GetProperty("discrepancies").GetArrayLength());
        }

        foreach (var (id, rule) in new[] { (ids[1], "BR-CO-15"), (ids[2], "BR-06"), (ids[4], "BR-CO-15"), (ids[5], "BR-06") })
        {
            var invoice = await GetAsync(server, id);
            Assert.True(invoice.GetProperty("has_discrepancies").GetBoolean(), invoice.GetProperty("file_name").GetString());
            var broken = Assert.Single(invoice.GetProperty("discrepancies").EnumerateArray(), d => d.GetProperty("rule").GetString() == rule);
            Assert.StartsWith("/", broken.GetProperty("location").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(broken.GetProperty("message").GetString()));
        }

        var grandTotal = (await GetAsync(server, ids[4])).GetProperty("discrepancies").EnumerateArray().Single(d => d.GetProperty("rule").GetString() == "BR-CO-15");
        Assert.Equal("BT-112", grandTotal.GetProperty("field").GetString());
    }

    [Fact]
    public void Every_fatal_rule_is_a_discrepancy_with_its_location()
    {
        var xml = Cii("C-TOTAL", supplier: null, grandTotal: 999m);
        var fatal = InvoiceValidator.Validate(xml).Findings.Where(f => f.Severity == FindingSeverity.Fatal).ToList();

        var found = SupplierInvoiceAnalysis.Extract(xml);

        Assert.Contains(fatal, f => f.RuleId == "BR-06");
        Assert.Equal(fatal.Select(f => (f.RuleId, f.Location, f.Field)), found.Discrepancies.Select(d => (d.Rule, d.Location!, d.Field)));
    }

    [Fact]
    public void A_warning_is_no_discrepancy()
    {
        // The native validator carries the fatal rules only today; a warning, should one come, stays out.
        var report = new ValidationReport(InvoiceSyntax.Ubl,
        [
            new ValidationFinding("UBL-CR-002", FindingSeverity.Warning, "A UBL invoice should not include the UBLVersionID", "/Invoice/cbc:UBLVersionID", null),
            new ValidationFinding("BR-CO-15", FindingSeverity.Fatal, "Invoice total amount with VAT (BT-112) = ...", "/Invoice/cac:LegalMonetaryTotal", "BT-112"),
        ]);

        var discrepancy = Assert.Single(SupplierInvoiceDiscrepancies.FromReport(report));

        Assert.Equal(new Discrepancy("BR-CO-15", "Invoice total amount with VAT (BT-112) = ...", "/Invoice/cac:LegalMonetaryTotal", "BT-112"), discrepancy);
    }

    [Theory]
    [InlineData("urn:factur-x.eu:1p0:minimum")]
    [InlineData("urn:factur-x.eu:1p0:basicwl")]
    public void Profiles_that_do_not_claim_EN_16931_keep_the_arithmetic_checks(string guideline)
    {
        var unnamed = SupplierInvoiceAnalysis.Extract(Cii("M-NAME", supplier: null, guideline: guideline));
        Assert.Empty(unnamed.Discrepancies); // BR-06 is a rule of EN 16931, not of the arithmetic

        var wrong = SupplierInvoiceAnalysis.Extract(Cii("M-TOTAL", grandTotal: 999m, guideline: guideline));
        var total = Assert.Single(wrong.Discrepancies, d => d.Rule == "BR-CO-15");
        Assert.Null(total.Location);
    }

    private static async Task<JsonElement> GetAsync(RunningServer server, string id) =>
        (await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{id}"), HttpStatusCode.OK)).GetProperty("supplier_invoice");
}
