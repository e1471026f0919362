using System.Globalization;

using ResultsLive.Core.Model;

namespace ResultsLive.Core.Arithmetic;

/// <summary>
/// The seat projection: each party's change in share in an undeclared seat is modelled as a national level, plus a slope
/// on the party's baseline share there, plus a term for having been the runner-up there, plus an effect for the seat's
/// region; fitted on the declared seats with shrinkage towards a prior (the exit poll when there is one), then applied to
/// the seat's baseline. Independents are individuals and are not projected.
/// </summary>
/// <remarks>
/// <para>
/// Every parameter below is set from principle, not fitted to any election. The prior for a party's level is the exit
/// poll's seats turned into a change in share (<see cref="ExitPollPrior"/>); without an exit poll it is vague. The prior
/// slope follows the oldest rule of British swing: a party that is losing loses in proportion to what it had (slope =
/// change / average share), a party that is gaining gains evenly (slope 0). The runner-up term (tactical voting: the
/// challenger squeezes the rest) starts at 0 and is learned only as far as the seats show it. Shrinkage weights are
/// variances: the per-seat spread of change in share (about 4 points in post-war elections), an exit poll's error in a
/// party's level (about 1.5 points, the 10-15 seats exit polls have been out by), how far a slope may stray from its
/// prior (0.25), how large a tactical effect may be (3 points) and how far a region may move apart from the nation (2.5
/// points). The weights therefore move with the number declared: with a handful of seats the exit poll holds the level,
/// and an early region's character goes into that region's effect, not the country's; with hundreds of seats the data
/// speak for themselves. A slope of its own for each region was tried and left out: it over-fitted the first region's
/// few seats of one kind.
/// </para>
/// <para>
/// The range is a 90% interval for each party: the seats it would win running 1.645 standard errors (of its predicted
/// change) better or worse in every undeclared seat, widened by each seat's own spread around the model (the variance
/// q(1 - q) of a seat the leader holds with probability q).
/// </para>
/// <para>
/// Per declaration the model keeps ten sums per party and region (O(parties in the seat)); a projection solves a 3 × 3
/// system per party after eliminating the regions (O(parties × regions)), then walks the undeclared seats once.
/// </para>
/// </remarks>
internal sealed class ProjectionModel
{
    /// <summary>Prior per-seat spread of the change in share around the model, in points, and the seats it is worth.</summary>
    public const double ResidualSd = 4;
    public const double ResidualWeight = 10;

    /// <summary>Prior uncertainty of a party's national level: with an exit poll, and without one (no information).</summary>
    public const double ExitPollLevelSd = 1.5;
    public const double VagueLevelSd = 10;

    public const double SlopeSd = 0.25;

    /// <summary>Prior uncertainty of the runner-up term: how much more the baseline runner-up gains (tactical voting), from 0.</summary>
    public const double RunnerUpSd = 3;

    public const double RegionSd = 2.5;

    /// <summary>The range is each party running this many standard errors better or worse: a 90% interval.</summary>
    public const double RangeZ = 1.645;

    private readonly Election _election;
    private readonly SeatBaseline?[] _baselines;
    private readonly int[][] _contenders;
    private readonly double[][] _contenderShares;
    private readonly int[] _seatRegion;
    private readonly int _regions;
    private readonly int _parties;
    private readonly double[] _meanShare;
    private readonly bool[] _independent;

    // Sufficient statistics per party and region, [(p * regions + r) * Sums + i]: the sums of u u' and u y for the seat's
    // row u = (1, x, z), x = baseline share - the party's mean, z = 1 where the party was runner-up, and of y², y the change.
    private const int Sums = 10;
    private readonly double[] _sums;
    private readonly int[] _runnerUp;

    private double[]? _exitPollLevel;

    // Each party's fit, rewritten by every projection (one writer owns the tally): flat, so a projection allocates little.
    private readonly bool[] _fitted;
    private readonly double[] _beta;
    private readonly double[] _covariance;
    private readonly double[] _variance;
    private readonly double[] _residual;
    private readonly double[] _effect;
    private readonly double[] _weight;
    private readonly double[] _column;

    public ProjectionModel(Election election, SeatBaseline?[] baselines, int[][] contenders, int[] seatRegion, int regions)
    {
        _election = election;
        _baselines = baselines;
        _contenders = contenders;
        _seatRegion = seatRegion;
        _regions = regions;
        _parties = election.Parties.Count;
        _independent = [.. election.Parties.Select(p => p.IsIndependent)];
        _contenderShares = new double[contenders.Length][];
        var sum = new double[_parties];
        var count = new int[_parties];
        for (var s = 0; s < contenders.Length; s++)
        {
            var baseline = baselines[s];
            _contenderShares[s] = [.. contenders[s].Select(p => baseline?.ShareOf(p) ?? 0)];
            if (baseline is null)
            {
                continue;
            }

            for (var i = 0; i < contenders[s].Length; i++)
            {
                sum[contenders[s][i]] += _contenderShares[s][i];
                count[contenders[s][i]]++;
            }
        }

        _meanShare = new double[_parties];
        for (var p = 0; p < _parties; p++)
        {
            _meanShare[p] = count[p] > 0 ? sum[p] / count[p] : 0;
        }

        _sums = new double[_parties * regions * Sums];
        (_fitted, _beta, _covariance, _variance, _residual) = (new bool[_parties], new double[_parties * 3], new double[_parties * 9], new double[_parties], new double[_parties]);
        (_effect, _weight, _column) = (new double[_parties * regions], new double[_parties * regions], new double[_parties * regions * 3]);
        _runnerUp = [.. baselines.Select(RunnerUp)];
    }

    public bool HasExitPoll => _exitPollLevel is not null;

    internal int[][] Contenders => _contenders;

    internal double[][] ContenderShares => _contenderShares;

    internal double[] MeanShare => _meanShare;

    internal bool[] Independent => _independent;

    internal SeatBaseline?[] Baselines => _baselines;

    /// <summary>Sets (or clears) the exit poll, turning its seats into each named party's prior change in share, once.</summary>
    public void SetExitPoll(ExitPoll? exitPoll) => _exitPollLevel = exitPoll is null ? null : ExitPollPrior.Calibrate(this, _election, exitPoll);

    /// <summary>Adds (sign +1) or takes away (-1) a declared seat's changes in share.</summary>
    public void Accumulate(int seat, SeatResult result, int[] candidateParties, int sign)
    {
        if (_baselines[seat] is not { } baseline)
        {
            return;
        }

        var region = _seatRegion[seat];
        var candidates = result.Candidates;
        for (var i = 0; i < candidates.Count; i++)
        {
            var p = candidateParties[i];
            if (!_independent[p])
            {
                var before = baseline.ShareOf(p);
                Add(p, region, before - _meanShare[p], p == _runnerUp[seat] ? 1 : 0, candidates[i].Share - before, sign);
            }
        }

        // A party that stood before and not now fell to nothing.
        for (var i = 0; i < baseline.Parties.Length; i++)
        {
            var p = baseline.Parties[i];
            if (!_independent[p] && Array.IndexOf(candidateParties, p, 0, candidates.Count) < 0)
            {
                Add(p, region, baseline.Shares[i] - _meanShare[p], p == _runnerUp[seat] ? 1 : 0, -baseline.Shares[i], sign);
            }
        }
    }

    /// <summary>Fits the model on the declared seats and projects every undeclared seat, with each party's range.</summary>
    /// <param name="seats">The declared results, by seat index; null for undeclared.</param>
    /// <param name="won">Seats won so far, per party.</param>
    /// <param name="averageChange">Each party's average change over the declared seats (uniform swing), for the prior slope without an exit poll.</param>
    public Projection Project(SeatResult?[] seats, int[] won, int declared, Func<int, double> averageChange)
    {
        // Only parties standing in an undeclared seat need a fit.
        Array.Clear(_fitted);
        for (var s = 0; s < seats.Length; s++)
        {
            if (seats[s] is null && _baselines[s] is not null)
            {
                foreach (var p in _contenders[s])
                {
                    if (!_fitted[p] && !_independent[p] && _meanShare[p] > 0)
                    {
                        Fit(p, averageChange(p));
                        _fitted[p] = true;
                    }
                }
            }
        }

        var point = (int[])won.Clone();
        var low = (int[])won.Clone();
        var high = (int[])won.Clone();
        var leading = new int[_parties];
        var chance = new double[_parties];
        Span<double> share = stackalloc double[64];
        Span<double> margin = stackalloc double[64];
        Span<double> noise = stackalloc double[64];
        for (var s = 0; s < seats.Length; s++)
        {
            if (seats[s] is not null || _baselines[s] is null)
            {
                continue;
            }

            var contenders = _contenders[s];
            var before = _contenderShares[s];
            var k = Math.Min(contenders.Length, share.Length);
            int leader = -1, runnerUp = -1;
            for (var i = 0; i < k; i++)
            {
                var p = contenders[i];
                if (_fitted[p])
                {
                    var x = before[i] - _meanShare[p];
                    var z = p == _runnerUp[s] ? 1 : 0;
                    share[i] = Math.Max(0, before[i] + Predict(p, x, z, _seatRegion[s]));
                    margin[i] = RangeZ * Sd(p, x, z, _seatRegion[s]);
                    noise[i] = _residual[p];
                }
                else
                {
                    // Independents are individuals: a seat's independent now is not the one who stood before, so none is projected.
                    (share[i], margin[i], noise[i]) = (_independent[p] ? 0 : before[i], 0, 0);
                }

                if (leader < 0 || share[i] > share[leader])
                {
                    (runnerUp, leader) = (leader, i);
                }
                else if (runnerUp < 0 || share[i] > share[runnerUp])
                {
                    runnerUp = i;
                }
            }

            if (leader < 0)
            {
                continue;
            }

            var winner = contenders[leader];
            point[winner]++;
            leading[winner]++;
            high[winner]++;
            if (runnerUp < 0 || share[leader] - margin[leader] > share[runnerUp])
            {
                low[winner]++;
            }

            // The seat's own noise, apart from the shared uncertainty: the leader holds it against the runner-up with
            // probability q, so each of the two counts q(1 - q) of variance.
            if (runnerUp >= 0 && noise[leader] + noise[runnerUp] > 0)
            {
                var q = NormalCdf((share[leader] - share[runnerUp]) / Math.Sqrt(noise[leader] + noise[runnerUp]));
                chance[winner] += q * (1 - q);
                chance[contenders[runnerUp]] += q * (1 - q);
            }

            for (var i = 0; i < k; i++)
            {
                if (i != leader && share[i] + margin[i] > share[leader])
                {
                    high[contenders[i]]++;
                }
            }
        }

        var projected = new List<ProjectedSeats>();
        for (var p = 0; p < _parties; p++)
        {
            if (point[p] > 0 || high[p] > 0)
            {
                // The shared part (the party better or worse everywhere) and the seats' own noise, added as variances.
                var own = RangeZ * RangeZ * chance[p];
                var down = (int)Math.Round(Math.Sqrt(Math.Pow(point[p] - low[p], 2) + own));
                var up = (int)Math.Round(Math.Sqrt(Math.Pow(high[p] - point[p], 2) + own));
                projected.Add(new ProjectedSeats(
                    _election.PartyAt(p), point[p], Math.Max(won[p], point[p] - down), Math.Min(won[p] + seats.Length - declared, point[p] + up), won[p], leading[p]));
            }
        }

        projected.Sort(static (x, y) =>
            y.Seats.CompareTo(x.Seats) is not 0 and var bySeats ? bySeats
            : y.High.CompareTo(x.High) is not 0 and var byHigh ? byHigh
            : string.CompareOrdinal(x.Party.Code, y.Party.Code));
        return new Projection(declared, projected) { Description = Describe(declared), AnchoredOnExitPoll = HasExitPoll };
    }

    /// <summary>What the projection is, in a sentence for the screen.</summary>
    public string Describe(int declared)
    {
        var seats = declared == 1 ? "1 declared seat" : string.Create(CultureInfo.InvariantCulture, $"{declared} declared seats");
        var basis = HasExitPoll ? $"exit poll adjusted by {seats}" : $"{seats}, no exit poll";
        return $"Projection: {basis}; change in share by region, baseline share and who was second; "
            + "range (90%): each party 1.6 standard errors better or worse in every undeclared seat, and each seat's own spread";
    }

    /// <summary>Φ(x), the standard normal distribution function (Abramowitz and Stegun 7.1.26, error below 1.5e-7).</summary>
    private static double NormalCdf(double x)
    {
        var t = 1 / (1 + (0.3275911 * Math.Abs(x) / Math.Sqrt(2)));
        var erf = 1 - ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t * Math.Exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    /// <summary>The party that came second at the baseline, or -1.</summary>
    private static int RunnerUp(SeatBaseline? baseline)
    {
        if (baseline is null)
        {
            return -1;
        }

        int first = -1, second = -1;
        for (var i = 0; i < baseline.Parties.Length; i++)
        {
            if (first < 0 || baseline.Votes[i] > baseline.Votes[first])
            {
                (second, first) = (first, i);
            }
            else if (second < 0 || baseline.Votes[i] > baseline.Votes[second])
            {
                second = i;
            }
        }

        return second < 0 ? -1 : baseline.Parties[second];
    }

    private void Add(int party, int region, double x, double z, double y, int sign)
    {
        var o = ((party * _regions) + region) * Sums;
        _sums[o] += sign;
        _sums[o + 1] += sign * x;
        _sums[o + 2] += sign * z;
        _sums[o + 3] += sign * x * x;
        _sums[o + 4] += sign * x * z;
        _sums[o + 5] += sign * z * z;
        _sums[o + 6] += sign * y;
        _sums[o + 7] += sign * x * y;
        _sums[o + 8] += sign * z * y;
        _sums[o + 9] += sign * y * y;
    }

    private void Fit(int p, double averageChange)
    {
        var named = _exitPollLevel is { } levels && !double.IsNaN(levels[p]);
        var priorLevel = named ? _exitPollLevel![p] : 0;
        var levelSd = named ? ExitPollLevelSd : VagueLevelSd;

        // Losers lose in proportion to what they had; gainers gain evenly; no tactical effect until the seats show one.
        var trend = named ? priorLevel : averageChange;
        Span<double> prior = [priorLevel, Math.Min(0, trend) / _meanShare[p], 0];
        Span<double> priorSd = [levelSd, SlopeSd, RunnerUpSd];

        // Twice: the shrinkage weights are variance ratios, and the residual variance comes from the first fit.
        Solve(p, prior, priorSd, ResidualSd * ResidualSd);
        Solve(p, prior, priorSd, _residual[p]);
    }

    /// <remarks>
    /// The national terms β = (level, slope, runner-up) and each region's effect, solved by eliminating the regions
    /// (each is one number): M = K + Σ (S − s s' / d), v = K β₀ + Σ (Σuy − s Σy / d), with S the region's Σuu', s its first
    /// column and d its seats plus the region's shrinkage weight.
    /// </remarks>
    private void Solve(int p, ReadOnlySpan<double> prior, ReadOnlySpan<double> priorSd, double variance)
    {
        var kRegion = variance / (RegionSd * RegionSd);
        Span<double> m = stackalloc double[9];
        Span<double> v = stackalloc double[3];
        m.Clear();
        double total = 0;
        for (var i = 0; i < 3; i++)
        {
            m[(i * 3) + i] = variance / (priorSd[i] * priorSd[i]);
            v[i] = m[(i * 3) + i] * prior[i];
        }

        Span<double> moments = stackalloc double[9];
        for (var r = 0; r < _regions; r++)
        {
            var o = ((p * _regions) + r) * Sums;
            var d = _sums[o] + kRegion;
            total += _sums[o];
            Moments(o, moments);
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    m[(i * 3) + j] += moments[(i * 3) + j] - (moments[i * 3] * moments[j] / d);
                }

                v[i] += _sums[o + 6 + i] - (moments[i * 3] * _sums[o + 6] / d);
            }
        }

        Span<double> inverse = stackalloc double[9];
        Invert(m, inverse);
        var beta = _beta.AsSpan(p * 3, 3);
        for (var i = 0; i < 3; i++)
        {
            beta[i] = (inverse[i * 3] * v[0]) + (inverse[(i * 3) + 1] * v[1]) + (inverse[(i * 3) + 2] * v[2]);
        }

        double rss = 0;
        for (var r = 0; r < _regions; r++)
        {
            var o = ((p * _regions) + r) * Sums;
            var n = _sums[o];
            var d = n + kRegion;
            Moments(o, moments);
            var sy = _sums[o + 6];
            var ub = (moments[0] * beta[0]) + (moments[1] * beta[1]) + (moments[2] * beta[2]);
            var e = (sy - ub) / d;
            var at = (p * _regions) + r;
            (_effect[at], _weight[at]) = (e, d);
            (_column[at * 3], _column[(at * 3) + 1], _column[(at * 3) + 2]) = (moments[0], moments[1], moments[2]);

            // Σ (y - u·β - e)² from the sums.
            double bsb = 0;
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    bsb += beta[i] * moments[(i * 3) + j] * beta[j];
                }
            }

            var by = (beta[0] * sy) + (beta[1] * _sums[o + 7]) + (beta[2] * _sums[o + 8]);
            rss += _sums[o + 9] - (2 * by) - (2 * e * sy) + bsb + (2 * e * ub) + (e * e * n);
        }

        for (var i = 0; i < 9; i++)
        {
            _covariance[(p * 9) + i] = variance * inverse[i];
        }

        _variance[p] = variance;
        _residual[p] = ((ResidualWeight * ResidualSd * ResidualSd) + Math.Max(0, rss)) / (ResidualWeight + total);
    }

    /// <summary>The region's Σuu' for u = (1, x, z), row by row.</summary>
    private void Moments(int o, Span<double> moments)
    {
        (moments[0], moments[1], moments[2]) = (_sums[o], _sums[o + 1], _sums[o + 2]);
        (moments[3], moments[4], moments[5]) = (_sums[o + 1], _sums[o + 3], _sums[o + 4]);
        (moments[6], moments[7], moments[8]) = (_sums[o + 2], _sums[o + 4], _sums[o + 5]);
    }

    private static void Invert(ReadOnlySpan<double> m, Span<double> inverse)
    {
        var det = (m[0] * ((m[4] * m[8]) - (m[5] * m[7]))) - (m[1] * ((m[3] * m[8]) - (m[5] * m[6]))) + (m[2] * ((m[3] * m[7]) - (m[4] * m[6])));
        inverse[0] = ((m[4] * m[8]) - (m[5] * m[7])) / det;
        inverse[1] = ((m[2] * m[7]) - (m[1] * m[8])) / det;
        inverse[2] = ((m[1] * m[5]) - (m[2] * m[4])) / det;
        inverse[3] = ((m[5] * m[6]) - (m[3] * m[8])) / det;
        inverse[4] = ((m[0] * m[8]) - (m[2] * m[6])) / det;
        inverse[5] = ((m[2] * m[3]) - (m[0] * m[5])) / det;
        inverse[6] = ((m[3] * m[7]) - (m[4] * m[6])) / det;
        inverse[7] = ((m[1] * m[6]) - (m[0] * m[7])) / det;
        inverse[8] = ((m[0] * m[4]) - (m[1] * m[3])) / det;
    }

    private double Predict(int p, double x, int z, int region) =>
        _beta[p * 3] + (_beta[(p * 3) + 1] * x) + (_beta[(p * 3) + 2] * z) + _effect[(p * _regions) + region];

    /// <summary>
    /// Standard error of the predicted change for a seat: the region's effect depends on the national terms through the
    /// seats it was fitted on, and keeps its own posterior variance (the prior's, for a region with nothing declared).
    /// </summary>
    private double Sd(int p, double x, int z, int region)
    {
        var at = (p * _regions) + region;
        var d = _weight[at];
        var g0 = 1 - (_column[at * 3] / d);
        var g1 = x - (_column[(at * 3) + 1] / d);
        var g2 = z - (_column[(at * 3) + 2] / d);
        var c = _covariance.AsSpan(p * 9, 9);
        var v = (_variance[p] / d)
            + (g0 * ((c[0] * g0) + (c[1] * g1) + (c[2] * g2)))
            + (g1 * ((c[3] * g0) + (c[4] * g1) + (c[5] * g2)))
            + (g2 * ((c[6] * g0) + (c[7] * g1) + (c[8] * g2)));
        return Math.Sqrt(Math.Max(0, v));
    }
}
