using Microsoft.Extensions.Options;

using ResultsLive.Import;
using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Desk;

/// <summary>One seat on the board of what is due: when it was expected and whether that has passed.</summary>
public sealed record ExpectedSeat(string Code, string Name, string Nation, string Region, DateTimeOffset Expected, bool Overdue);

/// <summary>
/// When seats are expected to declare (<c>ResultsLive:Election:ExpectedTimes</c>; the demo makes its own from its schedule),
/// the night's clock, and the board: seats due in the next 30 minutes and those overdue.
/// </summary>
/// <remarks>
/// "Now" is the night's clock: wall time when live (and in the demo, which declares in real time), the latest declaration's
/// time in a replay (test mode), so a rehearsal at any hour shows the board as it was on the night.
/// </remarks>
public sealed class ExpectedTimes
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private readonly ElectionContext _election;
    private readonly DeskLog _log;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, DateTimeOffset>? _configured;
    private readonly TimeSpan _demoInterval;

    public ExpectedTimes(ElectionContext election, DeskLog log, TimeProvider time, IOptions<DeskOptions> desk, IOptions<ResultsLiveOptions> options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(options);
        _election = election;
        _log = log;
        _time = time;
        if (desk.Value.ExpectedTimes is { Length: > 0 } path)
        {
            _configured = ExpectedTimesFile.Read(path, code => election.Election.FindConstituency(code)?.Code);
        }

        _demoInterval = options.Value.Demo.Duration / Math.Max(1, election.Loaded.Results.Count);
    }

    /// <summary>Whether there is anything to put on the board: a configured file, or the demo once its night has begun.</summary>
    public bool Available => _configured is not null || (_election.IsDemo && _log.Entries.Count > 0);

    /// <summary>The night's clock.</summary>
    public DateTimeOffset Now()
    {
        if (_election.Mode == "test" && _log.Entries is { Count: > 0 } entries)
        {
            return entries.Max(e => e.Seat.DeclaredAt);
        }

        return _time.GetUtcNow();
    }

    /// <summary>Undeclared seats expected within <see cref="Window"/> of now, and those past their time, soonest first.</summary>
    public IReadOnlyList<ExpectedSeat> Board(Func<string, bool> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var times = Times();
        if (times is null)
        {
            return [];
        }

        var now = Now();
        return
        [
            .. times.Where(t => t.Value <= now + Window && !declared(t.Key))
                .OrderBy(t => t.Value)
                .Select(t => _election.Election.FindConstituency(t.Key)!)
                .Select(c => new ExpectedSeat(c.Code, c.Name, c.Nation, c.Region, times[c.Code], times[c.Code] < now)),
        ];
    }

    private IReadOnlyDictionary<string, DateTimeOffset>? Times()
    {
        if (_configured is not null)
        {
            return _configured;
        }

        // The demo declares one seat every interval from its first declaration, in the order of its schedule.
        if (!_election.IsDemo || _log.Entries is not { Count: > 0 } entries)
        {
            return null;
        }

        var start = entries[0].Seat.DeclaredAt;
        return _election.Loaded.Results.Select((d, i) => (d.Constituency, At: start + (_demoInterval * i)))
            .ToDictionary(x => x.Constituency, x => x.At, StringComparer.Ordinal);
    }
}
