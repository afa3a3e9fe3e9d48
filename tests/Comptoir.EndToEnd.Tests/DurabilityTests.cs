using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Comptoir.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace Comptoir.EndToEnd.Tests;

/// <summary>
/// kill -9 under write load (clients, uploads, draft invoices, finalizations, each POST with its own idempotency
/// key): `comptoir serve` is killed with SIGKILL at a random moment mid-load, three times, and started again on the
/// same data. A client retrying with its idempotency keys must find every acknowledged write,
/// replays for what had committed, one execution for what had not, gapless invoice numbers and one Factur-X file
/// per finalized invoice. COMPTOIR_DURABILITY_SEED repeats a run's kill points (the request counts that trigger them).
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper output)
{
    private const int Kills = 3;
    private const int Workers = 6;
    private const int AcknowledgedResentPerRestart = 20;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Writes_survive_kill_9_and_their_retries_run_exactly_once(string engine)
    {
        var seed = Environment.GetEnvironmentVariable("COMPTOIR_DURABILITY_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (COMPTOIR_DURABILITY_SEED={seed} repeats these kill points)");
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        var report = new DurabilityReport();
        await using var server = KillableServer.Create(engine);
        var process = await server.StartAsync();
        var ledger = new WriteLedger(seed.ToString("x8", CultureInfo.InvariantCulture)[..6], await MainIbanAsync(process));

        for (var round = 1; round <= Kills; round++)
        {
            var killAfterRequests = random.Next(30, 150);
            var killDelay = TimeSpan.FromMilliseconds(random.NextDouble() * 20);
            using (var http = NewHttp(process))
            {
                await new WriteLoad(ledger, http).RunUntilKilledAsync(Workers, killAfterRequests, async () =>
                {
                    await Task.Delay(killDelay);
                    var expired = await server.KillAsync();
                    report.ExpiredIdempotencyClaims += expired.IdempotencyClaims;
                    report.ExpiredJobLeases += expired.RunningJobs;
                });
            }

            output.WriteLine($"kill {round}: after {killAfterRequests} requests of the round (+{killDelay.TotalMilliseconds:F0} ms), {watch.Elapsed.TotalSeconds:F1} s into the run");
            process = await server.StartAsync();
            report.KillsSurvived++;
            using (var http = NewHttp(process))
            {
                var retry = new RetryAfterRestart(http, report);
                await retry.RetryUnansweredAsync(ledger.Writes);
                var acknowledged = ledger.Writes.Where(w => w.Acknowledged is not null).ToList();
                await retry.ResendAcknowledgedAsync(acknowledged.OrderBy(_ => random.Next()).Take(AcknowledgedResentPerRestart));
            }
        }

        using (var http = NewHttp(process))
        {
            await new DurabilityAudit(http, server, report).RunAsync(ledger.Writes);
        }

        var writes = ledger.Writes;
        output.WriteLine(report.Summary(engine, writes, watch.Elapsed));
        Assert.True(writes.Any(w => w.WasUnanswered), "No kill caught a request in flight: the run did not test a crash under load.");
        Assert.Equal(Kills, report.KillsSurvived);
        Assert.Equal(0, report.WritesLost);
        Assert.Equal(0, report.Duplicates);
        Assert.Empty(report.Findings);
    }

    private static HttpClient NewHttp(ComptoirProcess process)
    {
        var http = process.NewClient();
        http.Timeout = TimeSpan.FromSeconds(30);
        return http;
    }

    private static async Task<string> MainIbanAsync(ComptoirProcess process)
    {
        using var http = process.NewClient();
        var organization = await http.GetFromJsonAsync<JsonElement>("organization");
        return organization.GetProperty("organization").GetProperty("bank_accounts")[0].GetProperty("iban").GetString()!;
    }
}
