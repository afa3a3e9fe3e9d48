using System.Net;
using System.Text.Json;
using Comptoir.Server.Tests.Support;

namespace Comptoir.Server.Tests;

public class InvoiceListTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_sync_guide_pages_through_every_invoice_updated_in_a_window(string engine)
    {
        await using var server = await RunningServer.StartAsync(engine, o => o with { RunWorkers = false });
        var clientId = await Seeds.CreateClientAsync(server.Client);
        var lastSyncAt = "2026-03-19T20:30:00Z";
        var ids = new List<string>();
        for (var i = 0; i < 250; i++)
        {
            server.Clock.Advance(TimeSpan.FromMilliseconds(7));
            ids.Add((await Seeds.CreateInvoiceAsync(server.Client, Seeds.DraftBody(clientId, server.Demo.Account.Iban, i % 3 == 0 ? "unpaid" : "draft"))).GetProperty("id").GetString()!);
        }

        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var currentSyncAt = server.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var seen = new List<string>();
        var page = 1;
        while (true)
        {
            var data = await ApiAssert.Json(await server.Client.GetAsync($"v2/client_invoices?filter[updated_at_from]={lastSyncAt}&filter[updated_at_to]={currentSyncAt}&per_page=100&page={page}"), HttpStatusCode.OK);
            seen.AddRange(data.GetProperty("client_invoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            if (data.GetProperty("meta").GetProperty("next_page").ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(3, data.GetProperty("meta").GetProperty("total_pages").GetInt32());
                break;
            }

            page = data.GetProperty("meta").GetProperty("next_page").GetInt32();
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));

        async Task<int> Count(string query) =>
            (await ApiAssert.Json(await server.Client.GetAsync("v2/client_invoices?" + query), HttpStatusCode.OK)).GetProperty("meta").GetProperty("total_count").GetInt32();

        Assert.Equal(84, await Count("filter[status]=unpaid"));
        Assert.Equal(250, await Count("filter[status]=unpaid,draft"));
        Assert.Equal(250, await Count("filter[status][]=unpaid&filter[status][]=draft"));
        Assert.Equal(0, await Count("filter[status]=paid"));
        Assert.Equal(250, await Count("filter[due_date]=2026-04-18"));
        Assert.Equal(0, await Count("filter[due_date_from]=2026-04-19"));
        Assert.Equal(250, await Count("filter[due_date_to]=2026-04-18&filter[created_at_from]=2026-03-19T20:30:00Z"));
        Assert.Equal(0, await Count($"filter[created_at_from]={currentSyncAt}"));

        var ascending = await ApiAssert.Json(await server.Client.GetAsync("v2/client_invoices?sort_by=created_at:asc&per_page=1"), HttpStatusCode.OK);
        Assert.Equal(ids[0], ascending.GetProperty("client_invoices")[0].GetProperty("id").GetString());
        var descending = await ApiAssert.Json(await server.Client.GetAsync("v2/client_invoices?per_page=1"), HttpStatusCode.OK);
        Assert.Equal(ids[^1], descending.GetProperty("client_invoices")[0].GetProperty("id").GetString());
        Assert.True(descending.GetProperty("client_invoices")[0].TryGetProperty("updated_at", out _));

        await ApiAssert.Error(await server.Client.GetAsync("v2/client_invoices?filter[status]=sent"), HttpStatusCode.BadRequest, "not_in_list", parameter: "filter[status]");
        await ApiAssert.Error(await server.Client.GetAsync("v2/client_invoices?filter[due_date]=2026-13-01"), HttpStatusCode.BadRequest, parameter: "filter[due_date]");
        await ApiAssert.Error(await server.Client.GetAsync("v2/client_invoices?sort_by=number:asc"), HttpStatusCode.BadRequest, parameter: "sort_by");
        await ApiAssert.Error(await server.Client.GetAsync("v2/client_invoices?per_page=500"), HttpStatusCode.BadRequest, parameter: "per_page");
    }
}
