using System.CommandLine;
using System.Text.Json;

namespace Comptoir.Cli.Commands;

/// <summary>comptoir login: checks the credentials against the API and saves them as the profile (mode 600).</summary>
public static class LoginCommand
{
    public static Command Build(CliConsole console)
    {
        var connection = new ApiConnection();
        var authorization = connection.Authorization;
        var command = new Command("login", "Check credentials (--authorization) against the API and save them as the default profile.");
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(authorization) is null)
            {
                throw new CliException("login needs --authorization \"slug:secret\" (or \"Bearer token\").", ExitCodes.Usage);
            }

            var client = connection.Connect(parse);
            var organization = await client.Organization.GetAsync(ct).ConfigureAwait(false);
            var path = ApiConnection.ProfilePath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = File.Create(path))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("base_url", parse.GetValue(connection.BaseUrl) ?? (parse.GetValue(connection.Sandbox) ? Client.ComptoirClientOptions.Sandbox.AbsoluteUri : Client.ComptoirClientOptions.LocalComptoir.AbsoluteUri));
                json.WriteString("authorization", parse.GetValue(authorization));
                if (parse.GetValue(connection.StagingToken) is { } staging)
                {
                    json.WriteString("staging_token", staging);
                }

                json.WriteEndObject();
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            await console.Out.WriteLineAsync($"Logged in as {organization.LegalName} ({organization.Slug}); profile saved to {path}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
