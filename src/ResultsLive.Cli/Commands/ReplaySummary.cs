using ResultsLive.Cli.Ingest;
using ResultsLive.Core.Model;

namespace ResultsLive.Cli.Commands;

/// <summary>Counts what a replay's posts came to, and prints accepted / repeated / rejected with each rejection's reason.</summary>
internal sealed class ReplaySummary
{
    public int Accepted { get; private set; }

    public int Repeated { get; private set; }

    public List<(Declaration Declaration, IngestReply Reply)> Rejected { get; } = [];

    public int Done => Accepted + Repeated + Rejected.Count;

    public void Add(Declaration declaration, IngestReply reply)
    {
        switch (reply.Status)
        {
            case IngestStatus.Accepted:
                Accepted++;
                break;
            case IngestStatus.Repeated:
                Repeated++;
                break;
            default:
                Rejected.Add((declaration, reply));
                break;
        }
    }

    public void Write(TextWriter output, TimeSpan elapsed, int retries, TimeSpan longestOutage)
    {
        output.WriteLine($"{Done} posted in {elapsed.TotalSeconds:0.00} s: {Accepted} accepted, {Repeated} repeated, {Rejected.Count} rejected ({retries} retries).");
        if (retries > 0)
        {
            output.WriteLine($"Ingest was unavailable for at most {longestOutage.TotalSeconds:0.00} s at a time.");
        }

        foreach (var (declaration, reply) in Rejected)
        {
            output.WriteLine($"  {declaration.Constituency} revision {declaration.Revision}: {reply.HttpStatus} {reply.Problem}");
        }
    }
}
