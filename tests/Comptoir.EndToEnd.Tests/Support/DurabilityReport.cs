using System.Globalization;
using System.Text;

namespace Comptoir.EndToEnd.Tests.Support;

/// <summary>
/// The figures of a durability run and what went wrong in it. Findings are gathered rather than asserted one by one
/// so that a failing run says everything it saw, with the keys to look up.
/// </summary>
public sealed class DurabilityReport
{
    private readonly List<string> _findings = [];
    private int _replayedAfterRestart;
    private int _executedAfterRestart;
    private int _acknowledgedResent;
    private int _retriesSent;
    private int _keyInUseAnswers;

    public IReadOnlyList<string> Findings
    {
        get
        {
            lock (_findings)
            {
                return [.. _findings];
            }
        }
    }

    public int KillsSurvived { get; set; }

    public int ExpiredIdempotencyClaims { get; set; }

    public int ExpiredJobLeases { get; set; }

    public int WritesLost { get; set; }

    public int Duplicates { get; set; }

    public int FinalizedInvoices { get; set; }

    public int FacturXFilesChecked { get; set; }

    public void Add(string finding)
    {
        lock (_findings)
        {
            _findings.Add(finding);
        }
    }

    /// <summary>An unanswered write whose retry replayed what had committed before the kill.</summary>
    public void CountReplayedAfterRestart() => Interlocked.Increment(ref _replayedAfterRestart);

    /// <summary>An unanswered write that had not committed and ran (once) on its retry.</summary>
    public void CountExecutedAfterRestart() => Interlocked.Increment(ref _executedAfterRestart);

    public void CountAcknowledgedResent() => Interlocked.Increment(ref _acknowledgedResent);

    public void CountRetrySent() => Interlocked.Increment(ref _retriesSent);

    /// <summary>A retry answered 409 idempotency_key_in_use (a claim still held) and sent again.</summary>
    public void CountKeyInUse() => Interlocked.Increment(ref _keyInUseAnswers);

    public string Summary(string engine, IReadOnlyList<IdempotentWrite> writes, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"durability on {engine}, {elapsed.TotalSeconds:F1} s");
        text.AppendLine(culture, $"  writes sent: {writes.Count} (clients {writes.Count(w => w.Kind == WriteKind.Client)}, uploads {writes.Count(w => w.Kind == WriteKind.Attachment)}, invoices {writes.Count(w => w.Kind == WriteKind.Invoice)}, finalizations {writes.Count(w => w.Kind == WriteKind.Finalize)}), plus {_retriesSent} retries and re-sends ({_keyInUseAnswers} answered 409 idempotency_key_in_use)");
        text.AppendLine(culture, $"  acknowledged on first send: {writes.Count(w => w.FirstReply is { Succeeded: true })}; refused on first send: {writes.Count(w => w.FirstReply is { Succeeded: false })}");
        text.AppendLine(culture, $"  no answer (killed under them): {writes.Count(w => w.WasUnanswered)}; on retry replayed {_replayedAfterRestart}, executed {_executedAfterRestart}");
        text.AppendLine(culture, $"  acknowledged writes re-sent: {_acknowledgedResent}");
        text.AppendLine(culture, $"  kills survived: {KillsSurvived}; dead leases let run out: {ExpiredIdempotencyClaims} idempotency claims, {ExpiredJobLeases} running jobs");
        text.AppendLine(culture, $"  finalized invoices: {FinalizedInvoices}; Factur-X files checked: {FacturXFilesChecked}");
        text.AppendLine(culture, $"  writes lost: {WritesLost}; duplicates: {Duplicates}; findings: {Findings.Count}");
        foreach (var finding in Findings)
        {
            text.AppendLine("  - " + finding);
        }

        return text.ToString();
    }
}
