using System.Diagnostics;

namespace Comptoir.Cli.Commands;

/// <summary>
/// The sync's progress: on a terminal one live line redrawn at most ten times a second; otherwise (a log, a pipe)
/// a plain line every hundred records, so logs stay readable.
/// </summary>
internal sealed class SyncProgress(TextWriter output, bool terminal, string noun)
{
    private static readonly string[] Spinner = ["|", "/", "-", "\\"];
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private int _frame;
    private bool _drawn;

    public int Fetched { get; private set; }

    public int Written { get; private set; }

    public int Attachments { get; private set; }

    public void Skipped() => Fetched++;

    public void Downloaded() => Attachments++;

    public void Stored()
    {
        Fetched++;
        Written++;
        if (terminal)
        {
            Draw(force: false);
        }
        else if (Written % 100 == 0)
        {
            output.WriteLine($"  {Written} {noun} written");
        }
    }

    /// <summary>Ends the live line so what follows starts on its own line.</summary>
    public void Finish()
    {
        if (terminal && _drawn)
        {
            Draw(force: true);
            output.WriteLine();
        }
    }

    private void Draw(bool force)
    {
        if (!force && _drawn && _sinceDraw.ElapsedMilliseconds < 100)
        {
            return;
        }

        _frame = (_frame + 1) % Spinner.Length;
        output.Write($"\r  {Spinner[_frame]} {noun}: {Fetched} fetched, {Written} written, {Attachments} files ");
        output.Flush();
        _drawn = true;
        _sinceDraw.Restart();
    }
}
