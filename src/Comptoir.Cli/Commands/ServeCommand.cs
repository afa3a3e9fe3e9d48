using System.CommandLine;
using System.Text.Json;
using Comptoir.Server;
using Comptoir.Server.Http;
using Comptoir.Server.Http.Auth;
using Comptoir.Server.Organizations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Comptoir.Cli.Commands;

/// <summary>
/// comptoir serve: runs the /v2 API. Migrations run first; an empty database gets the demo organization and an API
/// key, written to DATA/credentials.json. Ctrl-C stops cleanly (a document being rendered is finished).
/// </summary>
public static class ServeCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = new StorageOptions();
        var urls = new Option<string>("--urls") { Description = "Listen URL(s), separated by ';'.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var sandbox = new Option<bool>("--sandbox") { Description = "Sandbox mode: every /v2 request must carry X-Qonto-Staging-Token (the token is in credentials.json)." };
        var delay = new Option<string>("--document-delay") { Description = "Hold finished Factur-X files back this long after finalization (e.g. 10s, as the public API does).", DefaultValueFactory = _ => "0s" };
        var publicUrl = new Option<string?>("--public-url") { Description = "Base URL to advertise in links (pre-signed URLs, invoice_url); required when --urls listens beyond loopback." };
        var shortLimit = new Option<int>("--requests-per-10s") { Description = "Rate limit per client per 10 seconds (the public API's is 1000).", DefaultValueFactory = _ => 1000 };
        var longLimit = new Option<int>("--requests-per-10min") { Description = "Rate limit per client per 10 minutes (the public API's is 10000).", DefaultValueFactory = _ => 10_000 };
        var trustedProxies = new Option<string?>("--trusted-proxies")
        {
            Description = "Proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For/-Proto/-Host headers are believed; also COMPTOIR_TRUSTED_PROXIES.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COMPTOIR_TRUSTED_PROXIES"),
        };
        var listCache = new Option<int>("--list-cache-mb") { Description = "Memory for finished client-invoice list pages, served again until an invoice of the organization changes (0 turns it off).", DefaultValueFactory = _ => 64 };
        var allowHttpWebhooks = new Option<bool>("--allow-http-webhooks") { Description = "Accept http:// webhook callbacks on loopback hosts and deliver to loopback addresses (a local receiver; --sandbox does the same)." };
        var webhookNetworks = new Option<string?>("--webhook-allow-networks") { Description = "Networks (CIDR, comma-separated) that webhook deliveries may reach although private or link-local (refused by default)." };
        var webhookTimeout = new Option<string>("--webhook-timeout") { Description = "A delivery counts when a 2xx answer comes within this time (e.g. 1s, 5s).", DefaultValueFactory = _ => "1s" };
        var webhookRetryFor = new Option<string>("--webhook-retry-for") { Description = "How long a failing delivery is retried, with exponential back-off, before it is marked failed (e.g. 3d, 12h).", DefaultValueFactory = _ => "3d" };
        var webhookRetention = new Option<string>("--webhook-retention") { Description = "How long webhook events and their deliveries are kept once every delivery is delivered or failed; an hourly job deletes older ones (e.g. 30d, 12h).", DefaultValueFactory = _ => "30d" };
        var webhookDeferral = new Option<string>("--webhook-defer-under-load") { Description = "While the API is under a sustained load that takes the SQLite writer or the CPU, the longest the webhook dispatcher waits between two rounds of new attempts (0s: never waits).", DefaultValueFactory = _ => "1s" };
        var command = new Command("serve", "Run the /v2 Business API server (SQLite by default, PostgreSQL with --database).") { urls, sandbox, delay, publicUrl, trustedProxies, shortLimit, longLimit, listCache, allowHttpWebhooks, webhookNetworks, webhookTimeout, webhookRetryFor, webhookRetention, webhookDeferral };
        storage.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Durations.TryParse(parse.GetValue(delay), out var documentDelay))
            {
                throw new CliException($"--document-delay: '{parse.GetValue(delay)}' is not a duration (10s, 500ms, 1m).", ExitCodes.Usage);
            }

            var proxies = (parse.GetValue(trustedProxies) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var proxy in proxies)
            {
                try
                {
                    TrustedProxies.Parse(proxy);
                }
                catch (ArgumentException e)
                {
                    throw new CliException($"--trusted-proxies: {e.Message.Split(" (Parameter", 2)[0]}", ExitCodes.Usage);
                }
            }

            // Without an advertised URL, links are built from the request's Host header: only safe when nobody but
            // this machine can reach the server.
            var listen = parse.GetValue(urls)!;
            if (parse.GetValue(publicUrl) is null && ListenUrls.NonLoopback(listen) is { } exposed)
            {
                throw new CliException($"--public-url is required when listening on {exposed}: pre-signed URLs and invoice_url must not be built from a Host header that any client can forge.", ExitCodes.Usage);
            }

            var webhooks = WebhookServeOptions.Read(parse.GetValue(allowHttpWebhooks), parse.GetValue(webhookNetworks), parse.GetValue(webhookTimeout)!, parse.GetValue(webhookRetryFor)!, parse.GetValue(webhookRetention)!, parse.GetValue(webhookDeferral)!);
            var (dataDirectory, connection) = storage.Read(parse);
            Directory.CreateDirectory(dataDirectory);
            var options = new ServerOptions
            {
                DataDirectory = dataDirectory,
                Database = connection,
                Urls = parse.GetValue(urls)!,
                DocumentDelay = documentDelay,
                PublicBaseUrl = parse.GetValue(publicUrl),
                TrustedProxies = proxies,
                RequestsPer10Seconds = Math.Max(1, parse.GetValue(shortLimit)),
                RequestsPer10Minutes = Math.Max(1, parse.GetValue(longLimit)),
                ListCacheBytes = Math.Max(0, parse.GetValue(listCache)) * 1024L * 1024,
                Webhooks = webhooks,
            };
            return await RunAsync(options, parse.GetValue(sandbox), console, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServerOptions options, bool sandbox, CliConsole console, CancellationToken cancellationToken)
    {
        var clock = console.Clock;
        string? stagingToken = null;
        if (sandbox)
        {
            stagingToken = await Comptoir.Server.ServerSecrets.GetOrCreateAsync(options, "staging_token", () => Secrets.New("stg_"), clock, cancellationToken).ConfigureAwait(false);
            options = options with { StagingToken = stagingToken };
        }

        await using var app = await ComptoirServer.BuildAsync(options, clock, cancellationToken: cancellationToken).ConfigureAwait(false);
        var organizations = app.Services.GetRequiredService<OrganizationStore>();
        DemoCredentials? demo = null;
        if (!await organizations.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            demo = await DemoOrganization.CreateAsync(organizations, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = options.PublicBaseUrl?.TrimEnd('/')
            ?? app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var baseUrl = $"{address}/v2";
        var credentialsPath = Path.Combine(options.DataDirectory, "credentials.json");
        if (demo is not null)
        {
            await WriteCredentialsAsync(credentialsPath, demo, baseUrl, stagingToken).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync($"Comptoir API listening on {baseUrl} ({app.Services.GetRequiredService<Comptoir.Server.Storage.Database>().Description})").ConfigureAwait(false);
        if (File.Exists(credentialsPath))
        {
            using var saved = JsonDocument.Parse(await File.ReadAllBytesAsync(credentialsPath, cancellationToken).ConfigureAwait(false));
            var authorization = saved.RootElement.GetProperty("authorization").GetString();
            var staging = stagingToken is null ? string.Empty : $" -H 'X-Qonto-Staging-Token: {stagingToken}'";
            await console.Out.WriteLineAsync($"{(demo is null ? "Credentials" : "Demo organization created; credentials")} in {credentialsPath}").ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Try:  curl -H 'Authorization: {authorization}'{staging} {baseUrl}/organization").ConfigureAwait(false);
        }
        else
        {
            await console.Out.WriteLineAsync("No credentials.json here: create an API key with 'comptoir admin keys create --organization SLUG'.").ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync("Press Ctrl-C to stop.").ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task WriteCredentialsAsync(string path, DemoCredentials demo, string baseUrl, string? stagingToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("organization_slug", demo.Organization.Slug);
            json.WriteString("organization_id", demo.Organization.Id);
            json.WriteString("secret_key", demo.ApiKeySecret);
            json.WriteString("authorization", demo.Authorization);
            json.WriteString("base_url", baseUrl);
            json.WriteString("iban", demo.Account.Iban);
            if (stagingToken is not null)
            {
                json.WriteString("staging_token", stagingToken);
            }

            json.WriteEndObject();
        }

        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, buffer.ToArray()).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
