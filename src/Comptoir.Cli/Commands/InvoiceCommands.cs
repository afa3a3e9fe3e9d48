using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Comptoir.Client;
using Comptoir.Client.Models;

namespace Comptoir.Cli.Commands;

/// <summary>comptoir invoice: issue (the public API's Factur-X guide as one command) and the single-call subcommands.</summary>
public static class InvoiceCommands
{
    public static Command Build(CliConsole console)
    {
        var group = new Command("invoice", "Client invoices: issue one end to end (find or create the client, draft, finalize, download the Factur-X PDF), list, show, finalize, download, mark-paid, credit (issue a credit note).");
        group.Subcommands.Add(Issue(console));
        foreach (var command in InvoiceManagementCommands.Build(console))
        {
            group.Subcommands.Add(command);
        }

        return group;
    }

    private static Command Issue(CliConsole console)
    {
        var connection = new ApiConnection();
        var email = new Option<string>("--client-email") { Description = "The client's e-mail: an existing client with it is reused.", Required = true };
        var name = new Option<string?>("--client-name") { Description = "Company name, when the client must be created." };
        var siren = new Option<string?>("--client-siren") { Description = "The client's SIREN (tax_identification_number), needed for a French company." };
        var country = new Option<string>("--client-country") { Description = "The client's country code.", DefaultValueFactory = _ => "FR" };
        var address = new Option<string?>("--client-address") { Description = "Street address." };
        var city = new Option<string?>("--client-city") { Description = "City." };
        var zip = new Option<string?>("--client-zip") { Description = "Postcode." };
        var items = new Option<string[]>("--item") { Description = "\"TITLE|QTY|UNIT|PRICE|VAT\" (VAT as 20% or 0.20); repeat for several lines.", Required = true, AllowMultipleArgumentsPerToken = false };
        var dueIn = new Option<string>("--due-in") { Description = "Payment delay, e.g. 30d.", DefaultValueFactory = _ => "30d" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to save the Factur-X PDF.", Required = true };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for the Factur-X file.", DefaultValueFactory = _ => "60s" };
        var command = new Command("issue", "Issue a Factur-X invoice: find or create the client, draft, finalize, wait for the PDF, download it.")
        {
            email, name, siren, country, address, city, zip, items, dueIn, output, timeout,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var lines = parse.GetValue(items)!.Select(ItemSpec.Parse).ToList();
            if (!Durations.TryParse(parse.GetValue(dueIn), out var due) || !Durations.TryParse(parse.GetValue(timeout), out var wait))
            {
                throw new CliException("--due-in and --timeout take durations such as 30d or 60s.", ExitCodes.Usage);
            }

            var json = connection.WantsJson(parse);
            var say = json ? TextWriter.Null : console.Out;
            var sdk = connection.Connect(parse);

            await say.WriteLineAsync("[Step 1] Find or create client").ConfigureAwait(false);
            var (client, created) = await sdk.Clients.FindOrCreateAsync(new NewClient
            {
                Kind = "company",
                Name = parse.GetValue(name) ?? parse.GetValue(email)!.Split('@')[^1],
                Email = parse.GetValue(email),
                TaxIdentificationNumber = parse.GetValue(siren),
                BillingAddress = new Address(parse.GetValue(address), parse.GetValue(city), parse.GetValue(zip), null, parse.GetValue(country)!.ToUpperInvariant()),
            }, ct).ConfigureAwait(false);
            await say.WriteLineAsync($"  {(created ? "Created new client" : "Found existing client")}: {client.Id}").ConfigureAwait(false);

            await say.WriteLineAsync("[Step 2] GET /organization").ConfigureAwait(false);
            var organization = await sdk.Organization.GetAsync(ct).ConfigureAwait(false);
            var iban = (organization.BankAccounts.FirstOrDefault(a => a.Main) ?? organization.BankAccounts.FirstOrDefault()
                ?? throw new CliException("The organization has no bank account to be paid on.", ExitCodes.Failed)).Iban;
            await say.WriteLineAsync($"  Receiving IBAN: {iban}").ConfigureAwait(false);

            await say.WriteLineAsync("[Step 3] POST /client_invoices (draft)").ConfigureAwait(false);
            var today = DateOnly.FromDateTime(console.Clock.GetUtcNow().UtcDateTime);
            var draft = await sdk.ClientInvoices.CreateAsync(new NewClientInvoice
            {
                ClientId = client.Id,
                IssueDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DueDate = today.AddDays((int)Math.Ceiling(due.TotalDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                PaymentMethods = new PaymentMethodRequest(iban),
                Items = lines,
            }, cancellationToken: ct).ConfigureAwait(false);
            await say.WriteLineAsync($"  Invoice draft created: {draft.Id}").ConfigureAwait(false);

            await say.WriteLineAsync("[Step 4] POST /client_invoices/{id}/finalize").ConfigureAwait(false);
            var finalized = await sdk.ClientInvoices.FinalizeAsync(draft.Id, ct).ConfigureAwait(false);
            await say.WriteLineAsync($"  Invoice finalized at {finalized.FinalizedAt} — attachment_id: {finalized.AttachmentId ?? "null"}").ConfigureAwait(false);

            await say.WriteLineAsync("[Step 5] Poll until the Factur-X PDF is ready").ConfigureAwait(false);
            var attachment = await sdk.ClientInvoices.WaitForFacturXAsync(draft.Id, wait, TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
            await say.WriteLineAsync("  Factur-X PDF is ready!").ConfigureAwait(false);

            await say.WriteLineAsync("[Step 6] Download Factur-X PDF").ConfigureAwait(false);
            var directory = parse.GetValue(output)!;
            directory.Create();
            var path = Path.Combine(directory.FullName, Path.GetFileName(attachment.FileName));
            await sdk.Attachments.DownloadToFileAsync(attachment, path, ct).ConfigureAwait(false);
            await say.WriteLineAsync($"  Downloaded Factur-X PDF: {path}").ConfigureAwait(false);

            if (json)
            {
                console.WriteJsonObject(stdout =>
                {
                    stdout.WriteString("client_id", client.Id);
                    stdout.WriteBoolean("client_created", created);
                    stdout.WriteString("invoice_id", finalized.Id);
                    stdout.WriteString("number", finalized.Number);
                    stdout.WriteString("total_amount", finalized.TotalAmount.Value);
                    stdout.WriteString("file", path);
                });
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
