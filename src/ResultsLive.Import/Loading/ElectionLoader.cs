using System.Text.RegularExpressions;

using ResultsLive.Core.Model;

namespace ResultsLive.Import;

/// <summary>Loads a whole election from its files: the readers, the conversions to the Core model and the checks between files.</summary>
public static partial class ElectionLoader
{
    /// <summary>Polls close at 22:00; without a times file every result is stamped then, as a placeholder.</summary>
    private static readonly TimeOnly CloseOfPolls = new(22, 0);

    /// <param name="id">The election's id; by default "ge2024" from a file named like HoC-GE2024-…, else "election".</param>
    /// <param name="name">The election's display name; by default "General election 2024" likewise, else "Election".</param>
    public static LoadedElection Load(ElectionFiles files, string? id = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.DeclarationTimes is not null && files.ElectionDay is null)
        {
            throw new ArgumentException("ElectionDay is needed to date the declaration times, which have no date.", nameof(files));
        }

        var candidates = HocCandidateFile.Read(files.Candidates);
        IReadOnlyDictionary<string, HocConstituencyRow>? totals = null;
        var constituencies = HocCandidateFile.ToConstituencies(candidates);
        if (files.Constituencies is not null)
        {
            var rows = HocConstituencyFile.Read(files.Constituencies);
            totals = HocConstituencyFile.ByCode(rows);
            CheckSameSeats(constituencies, totals, files.Constituencies);
            constituencies = HocConstituencyFile.ToConstituencies(rows);
        }

        var times = files.DeclarationTimes is { } timesFile
            ? ReadTimes(timesFile, files.ElectionDay!.Value, constituencies)
            : new Dictionary<string, DateTimeOffset>();

        // A seat the times file lacks declared after the rest (in 2024, Inverness on the Saturday), so it goes last.
        var untimed = times.Count > 0 ? times.Values.Max()
            : files.ElectionDay is { } day ? new DateTimeOffset(day.ToDateTime(CloseOfPolls), UkClock.OffsetOn(day))
            : DateTimeOffset.UnixEpoch;
        IReadOnlyList<Declaration> results =
        [
            .. HocCandidateFile.ToDeclarations(candidates, totals, untimed)
                .Select(d => times.TryGetValue(d.Constituency, out var at) ? d with { DeclaredAt = at } : d),
        ];

        var year = GeneralElectionYear().Match(Path.GetFileName(files.Candidates));
        var election = new Election(
            id ?? (year.Success ? $"ge{year.Groups[1].Value}" : "election"),
            name ?? (year.Success ? $"General election {year.Groups[1].Value}" : "Election"),
            constituencies,
            HocCandidateFile.ToNominations(candidates),
            ReadBaseline(files, candidates),
            HocCandidateFile.ToParties(candidates));

        var hexmap = files.Hexmap is null ? null : HexJsonFile.Read(files.Hexmap);
        return new LoadedElection(election, results, hexmap, times);
    }

    private static Baseline ReadBaseline(ElectionFiles files, IReadOnlyList<HocCandidateRow> candidates)
    {
        if (files.Baseline is not { } path)
        {
            return Baseline.Empty;
        }

        var year = Year().Match(Path.GetFileName(path));
        return files.BaselineKind switch
        {
            BaselineKind.Notional => NotionalBaselineFile.Read(path, year.Success ? $"{year.Value} notional" : "notional"),
            BaselineKind.Previous => HocCandidateFile.ToPreviousBaseline(HocCandidateFile.Read(path), year.Success ? year.Value : "previous election", candidates),
            _ => throw new ArgumentOutOfRangeException(nameof(files), files.BaselineKind, "Unknown baseline kind."),
        };
    }

    private static IReadOnlyDictionary<string, DateTimeOffset> ReadTimes(string path, DateOnly electionDay, IEnumerable<Constituency> constituencies) =>
        DeclarationTimesFile.MatchToConstituencies(
            DeclarationTimesFile.Read(path, electionDay, UkClock.OffsetOn(electionDay)),
            constituencies,
            path);

    /// <summary>Both HoC files must cover the same seats, or electorates would silently be 0 for some and unused for others.</summary>
    private static void CheckSameSeats(IReadOnlyList<Constituency> fromCandidates, IReadOnlyDictionary<string, HocConstituencyRow> totals, string path)
    {
        if (fromCandidates.FirstOrDefault(c => !totals.ContainsKey(c.Code)) is { } missing)
        {
            throw new ImportException(path, null, "ONS ID", $"there is no row for {missing.Code} ({missing.Name}), which the candidate file has");
        }

        var codes = fromCandidates.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (totals.Values.FirstOrDefault(r => !codes.Contains(r.Code)) is { } extra)
        {
            throw new ImportException(path, null, "ONS ID", $"{extra.Code} ({extra.Name}) has no candidates in the candidate file");
        }
    }

    [GeneratedRegex(@"\bGE(\d{4})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GeneralElectionYear();

    [GeneratedRegex(@"(?<!\d)(?:19|20)\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Year();
}
