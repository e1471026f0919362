using System.Globalization;

namespace ResultsLive.HubLoad;

/// <summary>The tool's command line; every option has the default the target is stated for.</summary>
/// <param name="Rounds">
/// Bursts per hub. The first round measures everything; each later one opens a fresh fleet for a burst alone, the two
/// hubs taking turns to go first, so a slow spell of the machine falls on both and the ratio is the median of the rounds'.
/// </param>
internal sealed record HubLoadOptions(int Connections, int Declarations, string Protocol, TimeSpan Interval, int OpenConcurrency, int WarmUp, int Rounds)
{
    public const string Usage =
        "usage: hub-load.sh [--connections 10000] [--declarations 20] [--protocol json|messagepack] [--interval-ms 500] [--open-concurrency 200] [--rounds 3]";

    /// <summary>The pushes the tool makes, numbered: the warm-up's, then the paced phase's, then the burst's (every round's burst repeats these).</summary>
    public int Slots => WarmUp + (2 * Declarations);

    public int PacedSlot => WarmUp;

    public int BurstSlot => WarmUp + Declarations;

    public static HubLoadOptions? Parse(string[] args)
    {
        var options = new HubLoadOptions(10_000, 20, "json", TimeSpan.FromMilliseconds(500), 200, 2, 3);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }

            var value = args[i + 1];
            options = args[i] switch
            {
                "--connections" => options with { Connections = Positive(value) },
                "--declarations" => options with { Declarations = Positive(value) },
                "--protocol" when value is "json" or "messagepack" => options with { Protocol = value },
                "--interval-ms" => options with { Interval = TimeSpan.FromMilliseconds(Positive(value)) },
                "--open-concurrency" => options with { OpenConcurrency = Positive(value) },
                "--rounds" => options with { Rounds = Positive(value) },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }

    private static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"'{text}' is not a positive whole number");
}
