using System.Net;
using System.Text.Json.Nodes;
using Comptoir.Server;
using Comptoir.Server.Tests.Support;
using Comptoir.Server.Webhooks;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Comptoir.Cli.Tests;

/// <summary>comptoir admin webhooks list|deliveries|retry against the database a server runs on.</summary>
public sealed class WebhookAdminCommandTests
{
    [Fact]
    public async Task A_failed_delivery_is_listed_and_made_due_again_from_the_command_line()
    {
        // No dispatcher here: the delivery's state is set as a dispatcher would leave it after its retry window.
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { RunWorkers = false });
        var connection = server.App.Services.GetRequiredService<ServerOptions>().Database!;
        CliRun Hooks(params string[] args) => CliRun.Invoke(server.Clock, ["admin", "webhooks", .. args, "--database", connection]);
        var created = await ApiAssert.Json(await server.Client.Post("v2/webhook_subscriptions", new JsonObject { ["callback_url"] = "https://erp.example.com/h", ["types"] = new JsonArray("v1/clients") }), HttpStatusCode.Created);
        var subscriptionId = created.GetProperty("id").GetString()!;
        await Seeds.CreateClientAsync(server.Client);
        await server.App.Services.GetRequiredService<WebhookFanOut>().FanOutAllAsync();
        await server.Database.WriteAsync((c, t) => c.ExecuteAsync("UPDATE webhook_deliveries SET status = 'failed', attempts = 30, last_status_code = 500, last_error = 'HTTP 500'", transaction: t));

        Assert.Contains("https://erp.example.com/h", Hooks("list").Out, StringComparison.Ordinal);
        var failed = Hooks("deliveries", "--failed");
        Assert.Equal(0, failed.ExitCode);
        var line = Assert.Single(failed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("failed  attempts=30  last=500  HTTP 500", line, StringComparison.Ordinal);
        var eventId = line.Split("  ")[0];

        var retry = Hooks("retry", subscriptionId, eventId);
        Assert.Equal(0, retry.ExitCode);
        Assert.Empty(Hooks("deliveries", "--failed").Out);
        Assert.Contains("pending  attempts=0", Hooks("deliveries").Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, Hooks("retry", subscriptionId, "no-such-event").ExitCode);
    }
}
