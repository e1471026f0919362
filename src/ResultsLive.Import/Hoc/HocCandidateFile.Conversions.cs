using ResultsLive.Core.Model;

namespace ResultsLive.Import;

// Turning candidate rows into the Core model: what is known before the night, what is declared, and a previous-election baseline.
public static partial class HocCandidateFile
{
    /// <summary>Who stands in each seat, in ballot-paper order (surname, then first name), so nothing here gives away the result.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Nomination>> ToNominations(IEnumerable<HocCandidateRow> rows) =>
        BySeat(rows).ToDictionary(
            seat => seat.Key,
            IReadOnlyList<Nomination> (seat) =>
            [
                .. seat.OrderBy(r => r.Surname, StringComparer.OrdinalIgnoreCase)
                    .ThenBy(r => r.FirstName, StringComparer.OrdinalIgnoreCase)
                    .Select(r => new Nomination(r.Name, r.PartyCode, r.SittingMp)),
            ],
            StringComparer.Ordinal);

    /// <summary>The seats in file order. The candidate file has no electorate, so it is 0 (unknown); the constituency file has it.</summary>
    public static IReadOnlyList<Constituency> ToConstituencies(IEnumerable<HocCandidateRow> rows) =>
        [.. BySeat(rows).Select(seat => seat.First()).Select(r => new Constituency(r.Code, r.ConstituencyName, r.Region, r.Nation, 0))];

    /// <summary>
    /// Every party that stood, most votes first. Catalogued parties keep the catalogue's name and colour;
    /// the rest take the file's party name.
    /// </summary>
    public static IReadOnlyList<Party> ToParties(IEnumerable<HocCandidateRow> rows) =>
        [
            .. rows.GroupBy(r => r.PartyCode, StringComparer.Ordinal)
                .OrderByDescending(party => party.Sum(r => (long)r.Votes))
                .ThenBy(party => party.Key, StringComparer.Ordinal)
                .Select(party => PartyCatalog.Get(party.Key, party.First().PartyName)),
        ];

    /// <summary>
    /// One first-revision declaration per seat with the file's votes, winner first. The electorate and invalid votes
    /// come from the constituency file when it is given; without it they are 0 (unknown).
    /// </summary>
    public static IReadOnlyList<Declaration> ToDeclarations(
        IEnumerable<HocCandidateRow> rows,
        IReadOnlyDictionary<string, HocConstituencyRow>? constituencies,
        DateTimeOffset declaredAt) =>
        [
            .. BySeat(rows).Select(seat =>
            {
                var totals = constituencies is null ? null : Find(constituencies, seat.Key);
                return new Declaration(
                    seat.Key,
                    Revision: 1,
                    declaredAt,
                    Electorate: totals?.Electorate ?? 0,
                    InvalidVotes: totals?.InvalidVotes ?? 0,
                    [.. seat.OrderByDescending(r => r.Votes).Select(r => new CandidateVotes(r.Name, r.PartyCode, r.Votes))]);
            }),
        ];

    /// <summary>
    /// A previous-election baseline from that election's candidate file: votes summed per party (all independents
    /// under <see cref="Party.IndependentCode"/>) and the top candidate's party as winner. Turnout is unknown without
    /// the constituency file; see the overload.
    /// </summary>
    public static Baseline ToPreviousBaseline(IEnumerable<HocCandidateRow> rows, string name) =>
        PreviousBaseline(rows, name, constituencies: null);

    /// <summary>As <see cref="ToPreviousBaseline(IEnumerable{HocCandidateRow}, string)"/>, with turnout (valid votes / electorate, in percent) from the constituency file.</summary>
    public static Baseline ToPreviousBaseline(
        IEnumerable<HocCandidateRow> rows,
        string name,
        IReadOnlyDictionary<string, HocConstituencyRow> constituencies)
    {
        ArgumentNullException.ThrowIfNull(constituencies);
        return PreviousBaseline(rows, name, constituencies);
    }

    /// <summary>
    /// As <see cref="ToPreviousBaseline(IEnumerable{HocCandidateRow}, string)"/>, in the new election's party codes: a party
    /// whose abbreviation the Library has changed between the two files (the baseline's <c>Grn</c> "Green Party" and the
    /// new <c>Green</c> "Green Party") is matched by its name, so its change is measured against its own baseline votes
    /// instead of being reported as a new party's.
    /// </summary>
    /// <param name="current">The new election's candidate rows, whose party codes and names the baseline is matched to.</param>
    public static Baseline ToPreviousBaseline(IEnumerable<HocCandidateRow> rows, string name, IEnumerable<HocCandidateRow> current)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var previous = rows as IReadOnlyCollection<HocCandidateRow> ?? [.. rows];
        var renames = MatchPartyCodes(previous, current);
        return PreviousBaseline(
            renames.Count == 0 ? previous : previous.Select(r => renames.TryGetValue(r.PartyCode, out var code) ? r with { PartyCode = code } : r),
            name,
            constituencies: null);
    }

    /// <summary>
    /// The previous file's party codes that the new file does not use, mapped to the new file's code for a party of the same
    /// name (case and white space aside). A code is matched only when its names lead to exactly one new code; a party whose
    /// code is unchanged keeps it, whatever its name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MatchPartyCodes(IEnumerable<HocCandidateRow> previous, IEnumerable<HocCandidateRow> current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var currentCodes = new HashSet<string>(StringComparer.Ordinal);
        var byName = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in current)
        {
            currentCodes.Add(row.PartyCode);
            if (!Party.IsIndependentCode(row.PartyCode) && PartyNameKey(row.PartyName) is { Length: > 0 } key)
            {
                (byName.TryGetValue(key, out var codes) ? codes : byName[key] = new HashSet<string>(StringComparer.Ordinal)).Add(row.PartyCode);
            }
        }

        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var party in previous.Where(r => !currentCodes.Contains(r.PartyCode) && !Party.IsIndependentCode(r.PartyCode)).GroupBy(r => r.PartyCode, StringComparer.Ordinal))
        {
            var matches = party.Select(r => PartyNameKey(r.PartyName))
                .Where(key => key.Length > 0 && byName.ContainsKey(key))
                .SelectMany(key => byName[key])
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (matches.Count == 1)
            {
                renames[party.Key] = matches[0];
            }
        }

        return renames;
    }

    /// <summary>"Green  Party " and "green party" are the same name.</summary>
    private static string PartyNameKey(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Baseline PreviousBaseline(
        IEnumerable<HocCandidateRow> rows,
        string name,
        IReadOnlyDictionary<string, HocConstituencyRow>? constituencies)
    {
        var seats = new Dictionary<string, BaselineResult>(StringComparer.Ordinal);
        foreach (var seat in BySeat(rows))
        {
            var votes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in seat)
            {
                var party = Party.IsIndependentCode(row.PartyCode) ? Party.IndependentCode : row.PartyCode;
                votes[party] = votes.GetValueOrDefault(party) + row.Votes;
            }

            var totals = constituencies is null ? null : Find(constituencies, seat.Key);
            double? turnout = totals is { Electorate: > 0 } ? totals.ValidVotes * 100.0 / totals.Electorate : null;
            var winner = seat.MaxBy(r => r.Votes)!;
            seats.Add(seat.Key, new BaselineResult(
                seat.Key,
                votes,
                votes.Values.Sum(),
                Party.IsIndependentCode(winner.PartyCode) ? Party.IndependentCode : winner.PartyCode,
                turnout));
        }

        return new Baseline(BaselineKind.Previous, name, seats);
    }

    private static IEnumerable<IGrouping<string, HocCandidateRow>> BySeat(IEnumerable<HocCandidateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.GroupBy(r => r.Code, StringComparer.Ordinal);
    }

    private static HocConstituencyRow Find(IReadOnlyDictionary<string, HocConstituencyRow> constituencies, string code) =>
        constituencies.TryGetValue(code, out var row)
            ? row
            : throw new ArgumentException(
                $"The constituency rows have no {code}, which the candidate rows have; the two files are from different elections.",
                nameof(constituencies));
}
