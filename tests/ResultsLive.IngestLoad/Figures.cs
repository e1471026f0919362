namespace ResultsLive.IngestLoad;

/// <summary>Percentiles of a sample of durations, in milliseconds.</summary>
internal static class Figures
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static string Describe(List<double> samples)
    {
        samples.Sort();
        return $"p50 {Percentile(samples, 50):0.000} ms, p99 {Percentile(samples, 99):0.000} ms, max {samples[^1]:0.000} ms over {samples.Count}";
    }
}
