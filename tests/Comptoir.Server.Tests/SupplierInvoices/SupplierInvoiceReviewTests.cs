using System.Net;
using System.Text.Json;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.SupplierInvoices;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>
/// The web app's review actions (submit, approve, archive, discard, edit) through the store, as `comptoir admin
/// supplier-invoices` runs them: the transition table holds, wrong moves name themselves, and available_actions
/// offers exactly what the store accepts.
/// </summary>
public sealed class SupplierInvoiceReviewTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_status_offers_in_available_actions_exactly_the_moves_the_store_accepts(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var store = server.App.Services.GetRequiredService<SupplierInvoiceStore>();
        var organization = server.Demo.Organization.Id;
        var moves = new Dictionary<string, Func<string, Task<SupplierInvoiceRow>>>
        {
            ["submit"] = id => store.MoveAsync(organization, id, SupplierInvoiceTransitions.Submit),
            ["approve"] = id => store.MoveAsync(organization, id, SupplierInvoiceTransitions.Approve),
            ["archive"] = id => store.MoveAsync(organization, id, SupplierInvoiceTransitions.Archive),
            ["discard"] = id => store.MoveAsync(organization, id, SupplierInvoiceTransitions.Discard),
            ["reject"] = id => store.RejectAsync(organization, id, null, null),
            ["mark_as_paid"] = id => store.MarkPaidAsync(organization, id, null),
            ["unmark_as_paid"] = id => store.UnmarkPaidAsync(organization, id),
        };
        // A way to each status the review reaches, from a fresh upload.
        var paths = new Dictionary<string, string[]>
        {
            ["to_review"] = [],
            ["to_approve"] = ["submit"],
            ["awaiting_payment"] = ["submit", "approve"],
            ["paid"] = ["submit", "approve", "mark_as_paid"],
            ["rejected"] = ["reject"],
            ["archived"] = ["reject", "archive"],
            ["discarded"] = ["discard"],
        };

        foreach (var (status, path) in paths)
        {
            foreach (var (action, move) in moves)
            {
                var id = (await SupplierInvoiceLifecycleTests.UploadAsync(server, (PlainPdf($"{status} {action}"), $"{status}-{action}.pdf")))[0];
                foreach (var step in path)
                {
                    await moves[step](id);
                }

                var shown = (await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{id}"), HttpStatusCode.OK)).GetProperty("supplier_invoice");
                Assert.Equal(status, shown.GetProperty("status").GetString());
                var offered = shown.GetProperty("available_actions").GetProperty(action).GetBoolean();
                var accepted = true;
                try
                {
                    await move(id);
                }
                catch (ApiException e)
                {
                    accepted = false;
                    var error = Assert.Single(e.Errors);
                    Assert.Equal("invalid_transition", error.Code);
                    Assert.Contains($"cannot {action} a supplier invoice in status {status}", error.Detail, StringComparison.Ordinal);
                }

                Assert.True(offered == accepted, $"{action} from {status}: offered {offered}, accepted {accepted}");
            }
        }
    }

    [Fact]
    public async Task The_review_path_reaches_every_status_of_the_table()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var store = server.App.Services.GetRequiredService<SupplierInvoiceStore>();
        var organization = server.Demo.Organization.Id;
        var ids = await SupplierInvoiceLifecycleTests.UploadAsync(server, (PlainPdf("a"), "a.pdf"), (PlainPdf("b"), "b.pdf"));

        Assert.Equal("to_approve", (await store.MoveAsync(organization, ids[0], SupplierInvoiceTransitions.Submit)).Status);
        Assert.Equal("awaiting_payment", (await store.MoveAsync(organization, ids[0], SupplierInvoiceTransitions.Approve)).Status);
        Assert.Equal("paid", (await store.MarkPaidAsync(organization, ids[0], new DateOnly(2026, 3, 18))).Status);
        Assert.Equal("archived", (await store.MoveAsync(organization, ids[0], SupplierInvoiceTransitions.Archive)).Status);
        Assert.Equal("discarded", (await store.MoveAsync(organization, ids[1], SupplierInvoiceTransitions.Discard)).Status);
        Assert.Throws<ArgumentException>(() => { _ = store.MoveAsync(organization, ids[1], SupplierInvoiceTransitions.MarkAsPaid); });
        var other = await Assert.ThrowsAsync<ApiException>(() => store.MoveAsync("another-organization", ids[1], SupplierInvoiceTransitions.Submit));
        Assert.Equal(404, other.Status);

        var listed = await ApiAssert.Json(await server.Client.GetAsync("v2/supplier_invoices?filter[status]=archived,discarded&sort_by=file_name:asc"), HttpStatusCode.OK);
        Assert.Equal(["archived", "discarded"], listed.GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Edit_sets_exact_amounts_a_checked_iban_and_flags_the_duplicate_it_reveals(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var store = server.App.Services.GetRequiredService<SupplierInvoiceStore>();
        var organization = server.Demo.Organization.Id;
        var ids = await SupplierInvoiceLifecycleTests.UploadAsync(server, (Ubl("FA-9"), "fa-9.xml"), (PlainPdf("scan"), "scan.pdf"));

        var early = await Assert.ThrowsAsync<ApiException>(() => store.EditAsync(organization, ids[1], new SupplierInvoiceEdit { InvoiceNumber = "FA-9" }));
        Assert.Equal("not_analyzed", early.Errors[0].Code);
        await Seeds.WaitForJobsAsync(server.Database);

        var edited = await store.EditAsync(organization, ids[1], new SupplierInvoiceEdit
        {
            SupplierName = "  Fournitures Durand SARL ",
            InvoiceNumber = "FA-9",
            PayableAmountCents = SupplierInvoiceEdit.Cents("payable_amount", "1234567890123.45"),
            TotalAmountCents = SupplierInvoiceEdit.Cents("total_amount", "0.10"),
            DueDate = new DateOnly(2026, 5, 31),
            Iban = "fr76 3000 6000 0112 3456 7890 189",
        });
        Assert.Equal("FR7630006000011234567890189", edited.Iban);
        var shown = (await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{ids[1]}"), HttpStatusCode.OK)).GetProperty("supplier_invoice");
        Assert.Equal("1234567890123.45", shown.GetProperty("payable_amount").GetProperty("value").GetString());
        Assert.Equal("0.10", shown.GetProperty("total_amount").GetProperty("value").GetString());
        Assert.Equal("Fournitures Durand SARL", shown.GetProperty("supplier_name").GetString());
        Assert.Equal("2026-05-31", shown.GetProperty("due_date").GetString());
        Assert.True(shown.GetProperty("has_duplicates").GetBoolean());
        Assert.True((await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{ids[0]}"), HttpStatusCode.OK)).GetProperty("supplier_invoice").GetProperty("has_duplicates").GetBoolean());
        Assert.Equal(["scan.pdf"], (await ApiAssert.Json(await server.Client.GetAsync("v2/supplier_invoices?query=fa-9&query_fields=invoice_number&filter[payable_amount]=gt:1000"), HttpStatusCode.OK))
            .GetProperty("supplier_invoices").EnumerateArray().Select(i => i.GetProperty("file_name").GetString()));

        var badIban = await Assert.ThrowsAsync<ApiException>(() => store.EditAsync(organization, ids[1], new SupplierInvoiceEdit { Iban = "FR7630006000011234567890188" }));
        Assert.Equal("/supplier_invoice/iban", badIban.Errors[0].Pointer);
        var badAmount = Assert.Throws<ApiException>(() => SupplierInvoiceEdit.Cents("payable_amount", "12.345"));
        Assert.Equal("/supplier_invoice/payable_amount", badAmount.Errors[0].Pointer);
        Assert.Throws<ApiException>(() => SupplierInvoiceEdit.Cents("payable_amount", "1e3"));

        await store.RejectAsync(organization, ids[1], null, null);
        var closed = await Assert.ThrowsAsync<ApiException>(() => store.EditAsync(organization, ids[1], new SupplierInvoiceEdit { Tin = "123456789" }));
        Assert.Contains("cannot edit a supplier invoice in status rejected", closed.Errors[0].Detail, StringComparison.Ordinal);
    }
}
