using System.Net;
using System.Text.Json;
using Comptoir.Server.Tests.Support;
using Dapper;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>Analysis of uploaded e-invoices, the list's filters and sorts, and the public actions' transitions.</summary>
public sealed class SupplierInvoiceLifecycleTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_uploaded_UBL_invoice_is_analysed_once_with_its_data_duplicates_and_discrepancies(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var uploaded = await UploadAsync(server,
            (Ubl("FA-2026-001"), "fa-001.xml"),
            (Ubl("FA-2026-001"), "fa-001-again.xml"),
            (Ubl("FA-2026-002", grandTotal: 999m), "fa-002.xml"),
            (PlainPdf(), "scan.pdf"));
        await Seeds.WaitForJobsAsync(server.Database);

        var first = await GetAsync(server, uploaded[0]);
        Assert.Equal("FA-2026-001", first.GetProperty("invoice_number").GetString());
        Assert.Equal("Fournitures Durand SARL", first.GetProperty("supplier_name").GetString());
        Assert.Equal("FR32123456789", first.GetProperty("vat_number").GetString());
        Assert.Equal("123456789", first.GetProperty("tin").GetString());
        Assert.Equal("120.00", first.GetProperty("total_amount").GetProperty("value").GetString());
        Assert.Equal("100.00", first.GetProperty("total_amount_excluding_taxes").GetProperty("value").GetString());
        Assert.Equal("20.00", first.GetProperty("total_tax_amount").GetProperty("value").GetString());
        Assert.Equal("120.00", first.GetProperty("payable_amount").GetProperty("value").GetString());
        Assert.Equal("0.2", first.GetProperty("taxes")[0].GetProperty("tax_rate").GetString());
        Assert.Equal("2026-03-01", first.GetProperty("issue_date").GetString());
        Assert.Equal("2026-04-30", first.GetProperty("due_date").GetString());
        Assert.Equal("FR7630006000011234567890189", first.GetProperty("iban").GetString());
        Assert.True(first.GetProperty("is_einvoice").GetBoolean());
        Assert.Equal("ubl", first.GetProperty("e_invoice_type").GetString());
        Assert.False(first.GetProperty("is_credit_note").GetBoolean());
        Assert.True(first.GetProperty("has_duplicates").GetBoolean());
        Assert.False(first.GetProperty("has_discrepancies").GetBoolean());
        Assert.Equal(JsonValueKind.String, first.GetProperty("analyzed_at").ValueKind);
        Assert.Equal(first.GetProperty("analyzed_at").GetString(), first.GetProperty("updated_at").GetString());
        Assert.True((await GetAsync(server, uploaded[1])).GetProperty("has_duplicates").GetBoolean());

        var wrong = await GetAsync(server, uploaded[2]);
        Assert.False(wrong.GetProperty("has_duplicates").GetBoolean());
        Assert.True(wrong.GetProperty("has_discrepancies").GetBoolean());
        Assert.Contains(wrong.GetProperty("discrepancies").EnumerateArray(), d => d.GetProperty("rule").GetString() == "BR-CO-15");

        var scan = await GetAsync(server, uploaded[3]);
        Assert.False(scan.GetProperty("is_einvoice").GetBoolean());
        Assert.Equal(JsonValueKind.Null, scan.GetProperty("invoice_number").ValueKind);
        Assert.Equal(JsonValueKind.Null, scan.GetProperty("total_amount").ValueKind);
        Assert.Equal(JsonValueKind.String, scan.GetProperty("analyzed_at").ValueKind);

        // One analysis job per invoice, each done once.
        Assert.Equal(4L, await server.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE kind = 'analyze_supplier_invoice' AND status = 'done' AND attempts = 1")));
    }

    [Fact]
    public async Task The_list_filters_searches_and_sorts_as_documented()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var ids = await UploadAsync(server,
            (Ubl("A-1", supplier: "Éditions Léa", net: 50m, dueDate: "2026-03-01"), "a.xml"),
            (Ubl("B-2", supplier: "Bureau Vallée", net: 500m, dueDate: "2026-12-31"), "b.xml"),
            (Ubl("C-3", supplier: "Crédit Fournisseur", net: 80m, creditNote: true), "c.xml"),
            (PlainPdf(), "facture-scan.pdf"));
        await Seeds.WaitForJobsAsync(server.Database);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(server, $"v2/supplier_invoices/{ids[1]}/mark_as_paid", """{"supplier_invoice":{"payment_date":"2026-03-18"}}""");

        async Task<List<string?>> Names(string query)
        {
            var page = await ApiAssert.Json(await server.Client.GetAsync("v2/supplier_invoices?" + query), HttpStatusCode.OK);
            return page.GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("file_name").GetString()).ToList();
        }

        Assert.Equal(["b.xml"], await Names("filter[status]=paid"));
        Assert.Equal(["a.xml", "c.xml", "facture-scan.pdf"], (await Names("filter[status][]=to_review&filter[status][]=rejected")).Order());
        Assert.Equal(4, (await Names("filter[status]=to_review,paid")).Count);
        Assert.Equal(["a.xml"], await Names("filter[due_date]=past_and_today"));
        Assert.Equal(["b.xml"], await Names("filter[due_date]=future"));
        Assert.Equal(["c.xml", "facture-scan.pdf"], (await Names("filter[due_date]=missing_date")).Order());
        Assert.Equal(["a.xml", "c.xml"], await Names("filter[payable_amount]=lte:100.00:EUR&sort_by=total_amount:asc"));
        Assert.Equal(["b.xml"], await Names("filter[payable_amount]=gte:100"));
        Assert.Equal(["a.xml"], await Names("query=EDITIONS%20lea"));
        Assert.Equal(["facture-scan.pdf"], await Names("query=scan&query_fields=file_name"));
        Assert.Empty(await Names("query=scan&query_fields=supplier_name"));
        Assert.Equal(["b.xml"], await Names("query=b-2&query_fields=invoice_number"));
        Assert.Equal(["facture-scan.pdf"], await Names("filter[missing_data]=true"));
        Assert.DoesNotContain("c.xml", await Names("filter[exclude_credit_notes]=true"));
        Assert.Equal(["b.xml"], await Names($"filter[attachment_id]={(await GetAsync(server, ids[1])).GetProperty("attachment_id").GetString()}"));
        Assert.Equal(["a.xml", "b.xml", "c.xml"], await Names("filter[issue_date_from]=2026-03-01&sort_by=file_name:asc"));
        Assert.Equal(["b.xml", "c.xml", "a.xml", "facture-scan.pdf"], await Names("sort_by=total_amount:desc"));
        Assert.Equal("b.xml", (await Names("sort_by=updated_at:asc"))[^1]);
        Assert.Equal(["Bureau Vallée", "Crédit Fournisseur", "Éditions Léa"], (await ApiAssert.Json(await server.Client.GetAsync("v2/supplier_invoices?sort_by=supplier_name:asc&filter[missing_data]=false"), HttpStatusCode.OK))
            .GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("supplier_name").GetString()));
        Assert.Equal(["b.xml"], await Names("filter[updated_at_from]=2026-03-19T20:30:01Z"));

        var paged = await ApiAssert.Json(await server.Client.GetAsync("v2/supplier_invoices?per_page=3&page=2"), HttpStatusCode.OK);
        Assert.Equal(1, paged.GetProperty("supplier_invoices").GetArrayLength());
        Assert.Equal(4, paged.GetProperty("meta").GetProperty("total_count").GetInt32());

        await ApiAssert.Error(await server.Client.GetAsync("v2/supplier_invoices?filter[status]=to_pay"), HttpStatusCode.BadRequest, "not_in_list", parameter: "filter[status]");
        await ApiAssert.Error(await server.Client.GetAsync("v2/supplier_invoices?filter[due_date]=2026-01-01"), HttpStatusCode.BadRequest, "not_in_list", parameter: "filter[due_date]");
        await ApiAssert.Error(await server.Client.GetAsync("v2/supplier_invoices?filter[payable_amount]=100"), HttpStatusCode.BadRequest, "invalid", parameter: "filter[payable_amount]");
        await ApiAssert.Error(await server.Client.GetAsync("v2/supplier_invoices?sort_by=amount:asc"), HttpStatusCode.BadRequest, "not_in_list", parameter: "sort_by");
        await ApiAssert.Error(await server.Client.GetAsync("v2/supplier_invoices?filter[missing_data]=yes"), HttpStatusCode.BadRequest, "invalid", parameter: "filter[missing_data]");
        await ApiAssert.Error(await server.Client.GetAsync("v2/supplier_invoices?per_page=101"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Mark_paid_unmark_and_reject_follow_the_transitions(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var ids = await UploadAsync(server, (PlainPdf("a"), "a.pdf"), (PlainPdf("b"), "b.pdf"));

        var paid = (await PostAsync(server, $"v2/supplier_invoices/{ids[0]}/mark_as_paid", """{"supplier_invoice":{"payment_date":"2026-03-18"}}""")).GetProperty("supplier_invoice");
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal("2026-03-18", paid.GetProperty("payment_date").GetString());
        Assert.True(paid.GetProperty("available_actions").GetProperty("unmark_as_paid").GetBoolean());
        Assert.False(paid.GetProperty("available_actions").GetProperty("reject").GetBoolean());
        var refused = await ApiAssert.Error(await server.Client.PostAsync($"v2/supplier_invoices/{ids[0]}/reject", null), HttpStatusCode.BadRequest, "invalid_transition");
        Assert.Contains("reject", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiAssert.Error(await server.Client.PostAsync($"v2/supplier_invoices/{ids[0]}/mark_as_paid", null), HttpStatusCode.BadRequest, "invalid_transition");

        var unpaid = (await PostAsync(server, $"v2/supplier_invoices/{ids[0]}/unmark_as_paid", null)).GetProperty("supplier_invoice");
        Assert.Equal("to_review", unpaid.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unpaid.GetProperty("payment_date").ValueKind);
        await ApiAssert.Error(await server.Client.PostAsync($"v2/supplier_invoices/{ids[0]}/unmark_as_paid", null), HttpStatusCode.BadRequest, "invalid_transition");

        var today = (await PostAsync(server, $"v2/supplier_invoices/{ids[1]}/mark_as_paid", null)).GetProperty("supplier_invoice");
        Assert.Equal("2026-03-19", today.GetProperty("payment_date").GetString());
        await PostAsync(server, $"v2/supplier_invoices/{ids[1]}/unmark_as_paid", null);

        var rejected = (await PostAsync(server, $"v2/supplier_invoices/{ids[1]}/reject", """{"supplier_invoice":{"declined_note":"Pas pour nous","declined_reason_code":"wrong_recipient"}}""")).GetProperty("supplier_invoice");
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("Pas pour nous", rejected.GetProperty("declined_note").GetString());
        Assert.Equal("wrong_recipient", rejected.GetProperty("declined_reason_code").GetString());
        await ApiAssert.Error(await server.Client.PostAsync($"v2/supplier_invoices/{ids[1]}/mark_as_paid", null), HttpStatusCode.BadRequest, "invalid_transition");
        await ApiAssert.Error(await server.Client.PostAsync($"v2/supplier_invoices/{ids[1]}/mark_as_paid", Body.Json("""{"supplier_invoice":{"payment_date":"18/03/2026"}}""")), HttpStatusCode.UnprocessableEntity, pointer: "/supplier_invoice/payment_date");

        var other = await Comptoir.Server.Organizations.DemoOrganization.CreateAsync(server.Organizations, "other-org", "Autre SAS");
        using var otherClient = server.NewClient(other.Authorization);
        await ApiAssert.Error(await otherClient.GetAsync($"v2/supplier_invoices/{ids[0]}"), HttpStatusCode.NotFound);
        await ApiAssert.Error(await otherClient.PostAsync($"v2/supplier_invoices/{ids[0]}/reject", null), HttpStatusCode.NotFound);
    }

    internal static async Task<List<string>> UploadAsync(RunningServer server, params (byte[] Content, string Name)[] files)
    {
        var parts = files.SelectMany((f, i) => Item(f.Content, $"{f.Name}-{i}-{Guid.NewGuid()}", f.Name));
        var body = await ApiAssert.Json(await SupplierInvoiceUploads.PostAsync(server.Client, parts), HttpStatusCode.OK);
        Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
        return body.GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<JsonElement> GetAsync(RunningServer server, string id) =>
        (await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{id}"), HttpStatusCode.OK)).GetProperty("supplier_invoice");

    private static async Task<JsonElement> PostAsync(RunningServer server, string path, string? json) =>
        await ApiAssert.Json(await server.Client.PostAsync(path, json is null ? null : Body.Json(json)), HttpStatusCode.OK);
}
