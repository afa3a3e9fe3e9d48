using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using Comptoir.Client;
using Comptoir.Client.Models;

namespace Comptoir.Cli.Commands;

/// <summary>
/// comptoir webhooks listen: the local loop of a developer. It opens a listener on 127.0.0.1, subscribes it through
/// the API with a secret of its own, verifies and prints each delivery, optionally forwards it (body and headers, the
/// signature among them) to the developer's endpoint, and deletes its subscription on Ctrl-C or SIGTERM.
/// </summary>
public static class WebhookListenCommand
{
    public const string SecretVariable = "COMPTOIR_WEBHOOK_SECRET";

    // System.CommandLine lets an action run 2 s after Ctrl-C or SIGTERM: the subscription is deleted within that.
    private static readonly TimeSpan CleanupBudget = TimeSpan.FromSeconds(1.5);

    public static Command Build(CliConsole console)
    {
        var group = new Command("webhooks", "Receive the API's webhook events on this machine while developing.");
        group.Subcommands.Add(Listen(console));
        return group;
    }

    private static Command Listen(CliConsole console)
    {
        var connection = new ApiConnection();
        connection.Json.Description = "Print each event as the JSON body it was delivered with, one per line, instead of text.";
        var types = new Option<string?>("--types") { Description = $"Event types to receive, comma-separated (default: all of {string.Join(", ", WebhookEventTypes.All)})." };
        var forwardTo = new Option<string?>("--forward-to") { Description = "Also POST each verified delivery, with its body and headers (X-Qonto-Signature among them), to this URL; its status code is the answer the server gets." };
        var port = new Option<int>("--port") { Description = "Local port to listen on, on 127.0.0.1 (default: a free one).", DefaultValueFactory = _ => 0 };
        var secret = new Option<string?>("--secret") { Description = $"The subscription's signing secret, 32 to 128 characters (or {SecretVariable}; default: a new one, printed at start)." };
        var command = new Command("listen",
            "Subscribe a listener on this machine to the API's webhook events and print each one as it arrives; the subscription is deleted on exit (Ctrl-C). " +
            "The server must accept http://127.0.0.1 callbacks: start Comptoir with --allow-http-webhooks or --sandbox.")
        {
            types, forwardTo, port, secret,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var wanted = ReadTypes(parse.GetValue(types));
            var forward = ReadForwardTarget(parse.GetValue(forwardTo));
            if (parse.GetValue(port) is < 0 or > 65535)
            {
                throw new CliException("--port must be between 0 and 65535.", ExitCodes.Usage);
            }

            var signingSecret = parse.GetValue(secret) ?? Environment.GetEnvironmentVariable(SecretVariable) ?? NewSecret();
            var sdk = connection.Connect(parse);
            using var stop = new WebhookListenSignals(ct);
            using var forwarder = forward is null ? null : new WebhookListenForwarder(forward);
            var receiver = new WebhookListenReceiver(console, signingSecret, connection.WantsJson(parse), forwarder);
            await using var listener = await WebhookListenServer.StartAsync(parse.GetValue(port), receiver.ReceiveAsync, CancellationToken.None).ConfigureAwait(false);
            WebhookSubscription subscription;
            try
            {
                subscription = await SubscribeAsync(sdk, listener.Url, wanted, signingSecret, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
            {
                // Stopped while subscribing: the server may have created it all the same; its callback URL names it.
                await UnsubscribeAsync(console, sdk, s => s.CallbackUrl == listener.Url.AbsoluteUri).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            try
            {
                await console.Error.WriteLineAsync($"Listening on {listener.Url} for {string.Join(", ", subscription.Types)} (subscription {subscription.Id}).").ConfigureAwait(false);
                await console.Error.WriteLineAsync($"Signing secret: {signingSecret}").ConfigureAwait(false);
                if (forward is not null)
                {
                    await console.Error.WriteLineAsync($"Forwarding each event to {forward}.").ConfigureAwait(false);
                }

                await console.Error.WriteLineAsync("Press Ctrl-C to stop (the subscription is deleted).").ConfigureAwait(false);
                await stop.WaitAsync().ConfigureAwait(false);
            }
            finally
            {
                await UnsubscribeAsync(console, sdk, s => s.Id == subscription.Id, subscription.Id).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<string> ReadTypes(string? text)
    {
        if (text is null)
        {
            return WebhookEventTypes.All;
        }

        var types = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return types.Length > 0 ? types : throw new CliException("--types needs at least one event type.", ExitCodes.Usage);
    }

    private static Uri? ReadForwardTarget(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException($"--forward-to: '{text}' is not an http(s) URL.", ExitCodes.Usage);
    }

    private static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static async Task<WebhookSubscription> SubscribeAsync(ComptoirClient sdk, Uri callback, IReadOnlyList<string> types, string secret, CancellationToken cancellationToken)
    {
        try
        {
            return await sdk.WebhookSubscriptions.CreateAsync(new NewWebhookSubscription
            {
                CallbackUrl = callback.AbsoluteUri,
                Types = types,
                Secret = secret,
                Description = $"comptoir webhooks listen on {Environment.MachineName} (process {Environment.ProcessId})",
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ComptoirApiException e) when (e.StatusCode == HttpStatusCode.UnprocessableEntity && e.Code is "insecure_url" or "forbidden_address")
        {
            throw new CliException(
                $"the server refused to deliver to this machine ({callback}): it accepts http:// loopback callbacks only when started with " +
                $"--allow-http-webhooks or --sandbox (comptoir serve --allow-http-webhooks). Server said: {e.Errors[0].Detail}", ExitCodes.Failed);
        }
        catch (ComptoirApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new CliException($"the credential may not subscribe to these events ({e.Errors.FirstOrDefault()?.Detail ?? e.Message}); pass --types with the types it may read.", ExitCodes.Failed);
        }
        catch (ComptoirApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new CliException("this API has no /v2/webhook_subscriptions: webhooks listen needs a Comptoir server that has webhooks.", ExitCodes.Failed);
        }
    }

    /// <summary>Deletes this listener's subscription (<paramref name="knownId"/>, else the ones <paramref name="mine"/> picks from the list), within the cleanup budget.</summary>
    private static async Task UnsubscribeAsync(CliConsole console, ComptoirClient sdk, Func<WebhookSubscription, bool> mine, string? knownId = null)
    {
        using var budget = new CancellationTokenSource(CleanupBudget);
        var ids = knownId is null ? [] : new List<string> { knownId };
        try
        {
            if (knownId is null)
            {
                await foreach (var subscription in sdk.WebhookSubscriptions.ListAsync(budget.Token).ConfigureAwait(false))
                {
                    if (mine(subscription))
                    {
                        ids.Add(subscription.Id);
                    }
                }
            }

            foreach (var id in ids)
            {
                await sdk.WebhookSubscriptions.DeleteAsync(id, budget.Token).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"Deleted subscription {id}.").ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ComptoirApiException or HttpRequestException or OperationCanceledException)
        {
            var reason = e is OperationCanceledException ? "no answer in time" : e.Message;
            var which = ids.Count > 0 ? $"subscription {string.Join(", ", ids)}" : "its subscription";
            await console.Error.WriteLineAsync($"comptoir: could not delete {which} ({reason}); look for it with GET /v2/webhook_subscriptions and DELETE it.").ConfigureAwait(false);
        }
    }
}
