namespace ResultsLive.Cli.Commands;

/// <summary>A one-line progress bar on standard error; on a redirected stream, a line every tenth of the way.</summary>
internal sealed class ProgressLine(TextWriter error, int total)
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
    private int _lastTenth = -1;

    public void Advance(int done)
    {
        if (total == 0)
        {
            return;
        }

        if (_interactive)
        {
            var filled = done * Width / total;
            error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}");
            return;
        }

        var tenth = done * 10 / total;
        if (tenth != _lastTenth)
        {
            _lastTenth = tenth;
            error.WriteLine($"{done}/{total} posted");
        }
    }

    public void Finish()
    {
        if (_interactive)
        {
            error.WriteLine();
        }
    }
}
