using System.Net;
using System.Text;
using System.Text.Json;
using Comptoir.Server.Organizations;
using Comptoir.Server.Beneficiaries;
using Comptoir.Server.Payees;
using Comptoir.Server.Transfers;
using Comptoir.Server.Transactions;
using Comptoir.Server.Storage;

namespace Comptoir.Bench;

/// <summary>
/// POST /v2/sepa/transfers (each with its own idempotency key, proof token included) and GET /v2/transactions
/// per_page=100 against `comptoir serve` in its own process, 32 connections, settlements running in the background.
/// </summary>
public static class PaymentsLoadBenchmark
{
    private const int Connections = 32;

    public static async Task<int> RunAsync(string engine, int seconds, bool fastPostgres)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var data = Directory.CreateTempSubdirectory("comptoir-bench-pay-").FullName;
        var connection = engine == "postgres" ? LoadBenchmark.NewPostgresDatabase(fastPostgres) : null;
        var (server, http, credentials) = await LoadBenchmark.StartAsync(data, connection);
        using (server)
        using (http)
        {
            try
            {
                await using var database = Database.Open(connection, data);
                var organizations = new OrganizationStore(database, TimeProvider.System);
                var organization = (await organizations.ListAsync()).Single();
                var account = (await organizations.AccountsAsync(organization.Id)).Single();
                // Enough money for every transfer of the run, and a trusted beneficiary known to the directory.
                await new IncomingPayments(database, TimeProvider.System).CreditAsync(account.Iban, 9_000_000_000_00, "Bench", null);
                var beneficiary = await new BeneficiaryStore(database, TimeProvider.System).AddAsync(organization.Id, "Fournitures Durand", "FR7630006000011234567890189", null, trusted: true);
                await new PayeeDirectory(database, TimeProvider.System).AddExternalAsync(beneficiary.Iban, beneficiary.Name);
                using var verify = await http.PostAsync("sepa/verify_payee", Json($$"""{"iban": "{{beneficiary.Iban}}", "beneficiary_name": "{{beneficiary.Name}}"}"""));
                using var verified = JsonDocument.Parse(await verify.Content.ReadAsByteArrayAsync());
                var token = verified.RootElement.GetProperty("proof_token").GetProperty("token").GetString();
                var body = Encoding.UTF8.GetBytes($$$"""{"vop_proof_token": "{{{token}}}", "transfer": {"beneficiary_id": "{{{beneficiary.Id}}}", "bank_account_id": "{{{account.Id}}}", "reference": "bench", "amount": "12.34"}}""");

                Console.WriteLine($"# comptoir serve ({LoadBenchmark.Engine(engine, fastPostgres)}), payments, {Environment.ProcessorCount} cores, load generator on the same machine");
                var transfers = await LoadGenerator.RunAsync("POST /v2/sepa/transfers (idempotency key each)", Connections, duration, async (c, _) =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "sepa/transfers") { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                    request.Headers.Add("X-Qonto-Idempotency-Key", Guid.NewGuid().ToString());
                    using var response = await c.SendAsync(request);
                    return response.StatusCode == HttpStatusCode.Created;
                }, http);
                Console.WriteLine(transfers);
                await Task.Delay(TimeSpan.FromSeconds(5)); // let the settlements finish
                var transactions = await LoadGenerator.RunAsync("GET /v2/transactions?per_page=100", Connections, duration, (c, i) => LoadGenerator.GetAndDiscardAsync(c, $"transactions?bank_account_id={account.Id}&per_page=100&page={(i % 20) + 1}"), http);
                Console.WriteLine(transactions);
                Console.WriteLine($"server peak memory (VmHWM): {LoadBenchmark.PeakMemoryMegabytes(server):0} MB");
                _ = credentials;
                return 0;
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
