using System.Net;
using Comptoir.Server.SupplierInvoices;
using Comptoir.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Comptoir.Server.Tests.SupplierInvoices.SupplierInvoiceUploads;

namespace Comptoir.Server.Tests.SupplierInvoices;

/// <summary>has_duplicates follows the invoices: set when a pair appears, cleared when an edit or a discard breaks it.</summary>
public sealed class SupplierInvoiceDuplicateTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_edit_or_a_discard_that_makes_an_invoice_unique_clears_its_flag_on_both_sides(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine);
        var store = server.App.Services.GetRequiredService<SupplierInvoiceStore>();
        var organization = server.Demo.Organization.Id;
        var ids = await SupplierInvoiceLifecycleTests.UploadAsync(server, (Ubl("FA-1"), "a.xml"), (Ubl("FA-1"), "b.xml"), (Ubl("FA-1"), "c.xml"), (Ubl("FA-2"), "d.xml"));
        var (a, b, c, d) = (ids[0], ids[1], ids[2], ids[3]);
        await Seeds.WaitForJobsAsync(server.Database);
        Assert.Equal([true, true, true, false], await FlagsAsync(server, a, b, c, d));

        // c leaves FA-1 (a and b are still a pair) and joins FA-2 (d is no longer alone).
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var edited = await store.EditAsync(organization, c, new SupplierInvoiceEdit { InvoiceNumber = "FA-2" });
        Assert.True(edited.HasDuplicates);
        Assert.Equal([true, true, true, true], await FlagsAsync(server, a, b, c, d));

        // c moves on to a number of its own: c and d are unique again, each with a new updated_at.
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var dBefore = await UpdatedAtAsync(server, d);
        edited = await store.EditAsync(organization, c, new SupplierInvoiceEdit { InvoiceNumber = "FA-3" });
        Assert.False(edited.HasDuplicates);
        Assert.Equal([true, true, false, false], await FlagsAsync(server, a, b, c, d));
        Assert.NotEqual(dBefore, await UpdatedAtAsync(server, d));

        // Discarding b leaves a alone; a discarded invoice is no duplicate either.
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var aBefore = await UpdatedAtAsync(server, a);
        var discarded = await store.MoveAsync(organization, b, SupplierInvoiceTransitions.Discard);
        Assert.False(discarded.HasDuplicates);
        Assert.Equal([false, false, false, false], await FlagsAsync(server, a, b, c, d));
        Assert.NotEqual(aBefore, await UpdatedAtAsync(server, a));

        // c takes FA-1 back: a pair again with a, not with the discarded b.
        await store.EditAsync(organization, c, new SupplierInvoiceEdit { InvoiceNumber = "FA-1" });
        Assert.Equal([true, false, true, false], await FlagsAsync(server, a, b, c, d));
    }

    private static async Task<List<bool>> FlagsAsync(RunningServer server, params string[] ids)
    {
        var flags = new List<bool>();
        foreach (var id in ids)
        {
            flags.Add((await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{id}"), HttpStatusCode.OK)).GetProperty("supplier_invoice").GetProperty("has_duplicates").GetBoolean());
        }

        return flags;
    }

    private static async Task<string?> UpdatedAtAsync(RunningServer server, string id) =>
        (await ApiAssert.Json(await server.Client.GetAsync($"v2/supplier_invoices/{id}"), HttpStatusCode.OK)).GetProperty("supplier_invoice").GetProperty("updated_at").GetString();
}
