using System.CommandLine;
using System.Globalization;
using Comptoir.Server.Jobs;

namespace Comptoir.Cli.Commands;

/// <summary>
/// comptoir admin jobs list|retry: the durable background jobs (invoice documents, transfer settlements), above all
/// those that ran out of attempts and wait for someone to look at them.
/// </summary>
public static class JobAdminCommands
{
    public static Command Build(CliConsole console)
    {
        var group = new Command("jobs", "Background jobs: list them (failed ones with their last error) and retry failed ones.");
        group.Subcommands.Add(List(console));
        group.Subcommands.Add(Retry(console));
        return group;
    }

    private static Command List(CliConsole console)
    {
        var storage = new StorageOptions();
        var failed = new Option<bool>("--failed") { Description = "Only jobs that ran out of attempts." };
        var limit = new Option<int>("--limit") { Description = "At most this many jobs, most recently updated first.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "One JSON object per job and line instead of text." };
        var command = new Command("list", "List jobs, most recently updated first: id, kind, subject, status, attempts, run_after, updated_at, last_error.") { failed, limit, json };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(limit) < 1)
            {
                throw new CliException("--limit must be at least 1.", ExitCodes.Usage);
            }

            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var jobs = await new JobQueue(database, console.Clock).ListAsync(parse.GetValue(failed), parse.GetValue(limit), ct).ConfigureAwait(false);
            foreach (var job in jobs)
            {
                if (parse.GetValue(json))
                {
                    WriteJson(console, job);
                }
                else
                {
                    await console.Out.WriteLineAsync(Line(job)).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Retry(CliConsole console)
    {
        var storage = new StorageOptions();
        var id = new Argument<string>("id") { Description = "The failed job's id (see 'comptoir admin jobs list --failed')." };
        var command = new Command("retry", "Queue a failed job again, due now, with its attempts reset.") { id };
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var jobId = parse.GetValue(id)!;
            await using var database = await AdminDatabase.OpenAsync(storage, parse, console.Clock, ct).ConfigureAwait(false);
            var result = await new JobQueue(database, console.Clock).RetryAsync(jobId, ct).ConfigureAwait(false);
            if (result.Outcome == JobRetryOutcome.NotFound)
            {
                throw new CliException($"No job {jobId} (see 'comptoir admin jobs list').", ExitCodes.Failed);
            }

            if (result.Outcome == JobRetryOutcome.NotFailed)
            {
                throw new CliException($"Job {jobId} is {result.Status}, not failed: only failed jobs can be retried.", ExitCodes.Failed);
            }

            await console.Out.WriteLineAsync($"Job {jobId} queued again with its attempts reset; a running server takes it within a second.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    // One line per job, tab-separated; the error last, on the same line, as it may be long.
    private static string Line(JobSummary job) =>
        string.Join('\t', job.Id, job.Kind, job.SubjectId, job.Status, job.Attempts.ToString(CultureInfo.InvariantCulture), job.RunAfter, job.UpdatedAt, OneLine(job.LastError));

    private static string OneLine(string? text) => text is null ? string.Empty : text.ReplaceLineEndings(" ");

    private static void WriteJson(CliConsole console, JobSummary job) =>
        console.WriteJsonObject(json =>
        {
            json.WriteString("id", job.Id);
            json.WriteString("kind", job.Kind);
            json.WriteString("subject_id", job.SubjectId);
            json.WriteString("status", job.Status);
            json.WriteNumber("attempts", job.Attempts);
            json.WriteString("last_error", job.LastError);
            json.WriteString("run_after", job.RunAfter);
            json.WriteString("updated_at", job.UpdatedAt);
        });
}
