using System.CommandLine;
using Comptoir.Cli.Commands;

namespace Comptoir.Cli;

/// <summary>Builds the command tree and runs it, turning every failure into one line on stderr and an exit code.</summary>
public static class CliApplication
{
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("comptoir: the self-hostable business-banking API (server, administration), its workflows (invoice, pay, sync, webhooks listen) and Factur-X e-invoicing tools.");
        root.Subcommands.Add(ServeCommand.Build(console));
        root.Subcommands.Add(AdminCommands.Build(console));
        root.Subcommands.Add(FacturXCommands.Build(console));
        root.Subcommands.Add(LoginCommand.Build(console));
        root.Subcommands.Add(InvoiceCommands.Build(console));
        root.Subcommands.Add(PayCommand.Build(console));
        root.Subcommands.Add(SyncCommands.Build(console));
        root.Subcommands.Add(SupplierInvoiceCommands.Build(console));
        root.Subcommands.Add(WebhookListenCommand.Build(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"comptoir: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'comptoir --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Client.ComptoirApiException e)
        {
            await console.Error.WriteLineAsync($"comptoir: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (HttpRequestException e)
        {
            await console.Error.WriteLineAsync($"comptoir: cannot reach the API ({e.Message}).").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (TimeoutException e)
        {
            await console.Error.WriteLineAsync($"comptoir: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (CliException e)
        {
            await console.Error.WriteLineAsync($"comptoir: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or System.Net.Sockets.SocketException)
        {
            await console.Error.WriteLineAsync($"comptoir: database or network error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await console.Error.WriteLineAsync($"comptoir: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
