using System.CommandLine;
using System.Text.Json;
using Comptoir.Server.Webhooks;

namespace Comptoir.Cli.Commands;

/// <summary>comptoir admin webhooks list|deliveries|retry: every organization's subscriptions and their deliveries, failed ones above all.</summary>
public static class WebhookAdminCommands
{
    public static Command Build(CliConsole console)
    {
        var group = new Command("webhooks", "Webhooks: list subscriptions, their deliveries (failed ones with their last error), and send a delivery again.");
        group.Subcommands.Add(List(console));
        group.Subcommands.Add(Deliveries(console));
        group.Subcommands.Add(Retry(console));
        return group;
    }

    private static Command List(CliConsole console)
    {
        var storage = new StorageOptions();
        var json = new Option<bool>("--json") { Description = "One JSON object per subscription and line instead of text." };
        var command = new Command("list", "List every organization's subscriptions: id, organization, callback URL, types.") { json };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var (page, _) = await new WebhookSubscriptionStore(database, console.Clock).ListAsync(null, 0, 1000, ct).ConfigureAwait(false);
            foreach (var s in page)
            {
                await console.Out.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new Dictionary<string, object?> { ["id"] = s.Id, ["organization_id"] = s.OrganizationId, ["callback_url"] = s.CallbackUrl, ["types"] = s.TypeList, ["created_at"] = s.CreatedAt })
                    : $"{s.Id}  {s.OrganizationId}  {s.CallbackUrl}  {string.Join(",", s.TypeList)}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Deliveries(CliConsole console)
    {
        var storage = new StorageOptions();
        var subscription = new Option<string?>("--subscription") { Description = "Only this subscription's deliveries." };
        var failed = new Option<bool>("--failed") { Description = "Only deliveries out of their retry window." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("deliveries", "List deliveries, newest first: event id, subscription, type, event, status, attempts, last status and error.") { subscription, failed, limit };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(limit) < 1)
            {
                throw new CliException("--limit must be at least 1.", ExitCodes.Usage);
            }

            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new WebhookDeliveryStore(database, console.Clock, new WebhookSettings());
            var (page, _) = await store.ListAsync(null, parse.GetValue(subscription), parse.GetValue(failed) ? WebhookDeliveryStatus.Failed : null, 0, parse.GetValue(limit), ct).ConfigureAwait(false);
            foreach (var d in page)
            {
                await console.Out.WriteLineAsync($"{d.EventId}  {d.SubscriptionId}  {d.Type} {d.Event}  {d.Status}  attempts={d.Attempts}  last={d.LastStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}  {d.LastError}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Retry(CliConsole console)
    {
        var storage = new StorageOptions();
        var subscription = new Argument<string>("subscription") { Description = "The subscription's id." };
        var eventId = new Argument<string>("event") { Description = "The delivery's event id (see 'comptoir admin webhooks deliveries --failed')." };
        var command = new Command("retry", "Send a delivery again now, with a fresh retry window.") { subscription, eventId };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var store = new WebhookDeliveryStore(database, console.Clock, new WebhookSettings());
            var row = await store.RetryAsync(null, parse.GetValue(subscription)!, parse.GetValue(eventId)!, null, ct).ConfigureAwait(false)
                ?? throw new CliException("No such delivery (see 'comptoir admin webhooks deliveries').", ExitCodes.Failed);
            if (row.Status == WebhookDeliveryStatus.Sending)
            {
                throw new CliException("This delivery is being sent right now; look at it again in a moment.", ExitCodes.Failed);
            }

            await console.Out.WriteLineAsync($"Delivery of event {row.EventId} is due now; a running server sends it within a second.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
