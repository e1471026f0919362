using System.Collections.Frozen;

namespace ResultsLive.Core.Model;

/// <summary>Everything known before the night: the seats, who stands where, the parties and the baseline.</summary>
/// <remarks>
/// Parties get a dense index (<see cref="PartyIndex"/>) so the tally can keep its per-party figures in arrays
/// and apply a declaration in O(parties) without a dictionary lookup per vote.
/// </remarks>
public sealed class Election
{
    private readonly FrozenDictionary<string, int> _constituencyIndex;
    private readonly FrozenDictionary<string, int> _partyIndex;
    private readonly FrozenDictionary<string, IReadOnlyList<Nomination>> _nominations;

    public Election(
        string id,
        string name,
        IEnumerable<Constituency> constituencies,
        IReadOnlyDictionary<string, IReadOnlyList<Nomination>> nominations,
        Baseline baseline,
        IEnumerable<Party>? parties = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
        Constituencies = [.. constituencies];
        _constituencyIndex = Constituencies.Select((c, i) => (c.Code, i)).ToFrozenDictionary(x => x.Code, x => x.i, StringComparer.OrdinalIgnoreCase);
        _nominations = nominations.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Baseline = baseline;

        // Parties: the ones given, then every code nominated or in the baseline, in a stable order.
        var given = (parties ?? []).ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        var codes = new List<string>(given.Keys);
        var seen = new HashSet<string>(codes, StringComparer.OrdinalIgnoreCase);
        foreach (var code in nominations.Values.SelectMany(n => n).Select(n => n.Party)
                     .Concat(baseline.Seats.Values.SelectMany(b => b.Votes.Keys.Append(b.Winner)).Order(StringComparer.Ordinal)))
        {
            if (seen.Add(code))
            {
                codes.Add(code);
            }
        }

        Parties = [.. codes.Select(c => given.TryGetValue(c, out var p) ? p : PartyCatalog.Get(c))];
        _partyIndex = Parties.Select((p, i) => (p.Code, i)).ToFrozenDictionary(x => x.Code, x => x.i, StringComparer.OrdinalIgnoreCase);
    }

    public string Id { get; }

    public string Name { get; }

    public IReadOnlyList<Constituency> Constituencies { get; }

    public IReadOnlyList<Party> Parties { get; }

    public Baseline Baseline { get; }

    public int SeatCount => Constituencies.Count;

    /// <summary>Seats needed for a majority: floor(seats / 2) + 1, so 326 of 650.</summary>
    public int MajorityThreshold => (SeatCount / 2) + 1;

    public Constituency? FindConstituency(string code) =>
        _constituencyIndex.TryGetValue(code, out var index) ? Constituencies[index] : null;

    /// <summary>The position of a seat in <see cref="Constituencies"/>, or -1 when the election does not have it.</summary>
    public int ConstituencyIndex(string code) => _constituencyIndex.TryGetValue(code, out var index) ? index : -1;

    public IReadOnlyList<Nomination> NominationsFor(string constituency) =>
        _nominations.TryGetValue(constituency, out var list) ? list : [];

    /// <summary>The dense index of a party code, or -1 when the election does not know it.</summary>
    public int PartyIndex(string code) => _partyIndex.TryGetValue(code, out var index) ? index : -1;

    public Party PartyAt(int index) => Parties[index];
}
