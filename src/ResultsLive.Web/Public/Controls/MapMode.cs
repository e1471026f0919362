using System.Globalization;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Controls;

/// <summary>What the hex map is coloured by.</summary>
public enum MapModeKind
{
    Winner,
    Gains,
    Turnout,
    Share,
    Swing,
}

/// <summary>
/// One way of colouring the hex map, as a reader picks it in the address (<c>?map=turnout</c>, <c>?map=share&amp;party=SNP</c>,
/// <c>?map=swing&amp;party=Lab&amp;from=Con</c>): the colour of each seat and the key that explains them.
/// </summary>
/// <param name="Key">Its canonical name in a part's address: <c>winner</c>, <c>gains</c>, <c>turnout</c>, <c>share-SNP</c>, <c>swing-Lab-Con</c>.</param>
/// <param name="Party">The party whose share is shown, or the party the swing is to.</param>
/// <param name="From">The party the swing is from.</param>
public sealed record MapMode(string Key, MapModeKind Kind, string? Party, string? From)
{
    /// <summary>Steps of the turnout scale, in percent: each bin starts at one.</summary>
    public static readonly double[] TurnoutSteps = [0, 50, 55, 60, 65, 70];

    /// <summary>Steps of a party's share, in percent.</summary>
    public static readonly double[] ShareSteps = [0, 10, 20, 30, 40, 50];

    /// <summary>Steps of a swing either way, in points.</summary>
    public static readonly double[] SwingSteps = [0, 5, 10, 15];

    /// <summary>The sequential blues of the turnout scale, light to dark, one per step.</summary>
    public static readonly string[] TurnoutColours = ["#DCE9F5", "#B3CDE6", "#7FA9D1", "#4E84BA", "#2A5F98", "#123E6B"];

    /// <summary>How far each bin of a party's scale goes from white to its colour (share, or swing towards it).</summary>
    private static readonly double[] Strengths = [0.18, 0.34, 0.5, 0.66, 0.82, 1];

    /// <summary>
    /// A light colour (the SNP's yellow) is barely apart from white at any strength: its scale reaches its colour sooner,
    /// then darkens towards ink, so six bins stay six.
    /// </summary>
    private static readonly (double White, double Ink)[] LightStrengths = [(0.25, 0), (0.5, 0), (0.75, 0), (1, 0), (1, 0.3), (1, 0.5)];

    private const string Ink = "#1B2430";

    /// <summary>Where red, green and blue start in #RRGGBB.</summary>
    private static readonly int[] Channels = [1, 3, 5];

    /// <summary>Which strength each swing bin takes: spread over the range, so the four steps stay apart.</summary>
    private static readonly int[] SwingStrength = [1, 2, 4, 5];

    /// <summary>The map as it has always been: seats coloured by the winning party.</summary>
    public static MapMode Winner { get; } = new("winner", MapModeKind.Winner, null, null);

    public static MapMode Gains { get; } = new("gains", MapModeKind.Gains, null, null);

    public static MapMode Turnout { get; } = new("turnout", MapModeKind.Turnout, null, null);

    public static MapMode Share(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new MapMode("share-" + party.Code, MapModeKind.Share, party.Code, null);
    }

    public static MapMode Swing(Party to, Party from)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(from);
        return new MapMode($"swing-{to.Code}-{from.Code}", MapModeKind.Swing, to.Code, from.Code);
    }

    /// <summary>The words a reader picks it by.</summary>
    public string Label(Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        return Kind switch
        {
            MapModeKind.Gains => "Gains only",
            MapModeKind.Turnout => "Turnout",
            MapModeKind.Share => $"{Name(election, Party)} share of the vote",
            MapModeKind.Swing => $"Swing from {Name(election, From)} to {Name(election, Party)}",
            _ => "Winner",
        };
    }

    /// <summary>A mode by its part key (<c>share-SNP</c>), party codes in any case; null when it names none.</summary>
    public static MapMode? Parse(string key, Election election)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(election);
        var pieces = key.Split('-');
        return pieces switch
        {
            ["winner"] => Winner,
            ["gains"] => Gains,
            ["turnout"] => Turnout,
            ["share", var p] when Find(election, p) is { } party => Share(party),
            ["swing", var to, var from] when Find(election, to) is { } t && Find(election, from) is { } f && t != f => Swing(t, f),
            _ => null,
        };
    }

    /// <summary>
    /// The mode a reader's query asks for: <c>map</c> (winner, gains, turnout, share, swing), <c>party</c> and <c>from</c>.
    /// Share and swing without a party take <paramref name="first"/> and <paramref name="second"/> (by default the two
    /// largest parties at the baseline): the share of the first, the swing from the first to the second.
    /// Anything unknown is the winner map, as a page with a mistyped mode should still show the map.
    /// </summary>
    public static MapMode FromQuery(string? map, string? party, string? from, Election election, NationalSnapshot national, Party? first = null, Party? second = null)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(national);
        var (a, b) = national.Battleground.HeadlinePair;
        first ??= a is null ? null : Find(election, a);
        second ??= b is null ? null : Find(election, b);
        var chosen = party is null ? null : Find(election, party);
        switch (map?.Trim().ToLowerInvariant())
        {
            case "gains":
                return Gains;
            case "turnout":
                return Turnout;
            case "share" when (chosen ?? first) is { } p:
                return Share(p);
            case "swing" when (chosen ?? second) is { } to:
                var away = (from is null ? null : Find(election, from)) ?? (to == first ? second : first);
                return away is not null && away != to ? Swing(to, away) : Winner;
            default:
                return Winner;
        }
    }

    /// <summary>The query that asks for this mode, for links and forms: empty for the winner map.</summary>
    public string Query => Kind switch
    {
        MapModeKind.Winner => "",
        MapModeKind.Share => "map=share&party=" + Uri.EscapeDataString(Party!),
        MapModeKind.Swing => $"map=swing&party={Uri.EscapeDataString(Party!)}&from={Uri.EscapeDataString(From!)}",
        _ => "map=" + Key,
    };

    /// <summary>A seat's fill and class in this mode.</summary>
    public (string Fill, string Css) Colour(Election election, SeatStatus status, SeatResult? seat)
    {
        ArgumentNullException.ThrowIfNull(election);
        if (seat is null)
        {
            return status switch
            {
                SeatStatus.Counting => (HexColours.Counting, "hx counting"),
                SeatStatus.Recount => (HexColours.Awaiting, "hx recount"),
                _ => (HexColours.Awaiting, "hx awaiting"),
            };
        }

        var css = status == SeatStatus.Recount ? "hx recount" : "hx declared";
        switch (Kind)
        {
            case MapModeKind.Gains:
                return seat.IsGain ? (Format.Party(election, seat.Winner.Party).Colour, css + " gain") : (HexColours.Held, css + " held");
            case MapModeKind.Turnout:
                return seat.Turnout is { } turnout ? (TurnoutColours[Bin(TurnoutSteps, turnout)], css) : (HexColours.NoFigure, css + " none");
            case MapModeKind.Share:
                var share = seat.Candidates.Where(c => Same(c.Party, Party)).Sum(c => c.Share);
                return share <= 0 ? (HexColours.NoFigure, css + " none") : (Shade(Format.Party(election, Party!).Colour, Bin(ShareSteps, share)), css);
            case MapModeKind.Swing:
                if (SwingIn(seat) is not { } swing)
                {
                    return (HexColours.NoFigure, css + " none");
                }

                var towards = swing >= 0 ? Party! : From!;
                return (Shade(Format.Party(election, towards).Colour, SwingStrength[Bin(SwingSteps, Math.Abs(swing))]), css);
            default:
                return (Format.Party(election, seat.Winner.Party).Colour, css);
        }
    }

    /// <summary>The Butler swing to <see cref="Party"/> from <see cref="From"/> in a declared seat, or null where either has no change.</summary>
    public double? SwingIn(SeatResult seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        var to = seat.Candidates.FirstOrDefault(c => Same(c.Party, Party))?.ShareChange;
        var from = seat.Candidates.FirstOrDefault(c => Same(c.Party, From))?.ShareChange;
        return to is { } t && from is { } f ? (t - f) / 2 : null;
    }

    /// <summary>What a seat's cell says in this mode, after its name and result.</summary>
    public string? Figure(SeatResult? seat)
    {
        if (seat is null)
        {
            return null;
        }

        return Kind switch
        {
            MapModeKind.Turnout => seat.Turnout is { } t ? "turnout " + Format.Percent(t) : "no turnout figure",
            MapModeKind.Share => $"{Party} {Format.Percent(seat.Candidates.Where(c => Same(c.Party, Party)).Sum(c => c.Share))}",
            MapModeKind.Swing => SwingIn(seat) is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"swing {Math.Abs(s):0.0} pts to {(s >= 0 ? Party : From)}")
                : "no swing figure",
            _ => null,
        };
    }

    /// <summary>The key for this mode, as HTML.</summary>
    public string Legend(Election election, NationalSnapshot national)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(national);
        if (Kind == MapModeKind.Winner)
        {
            return HexMapLayout.Legend(national);
        }

        var html = new HtmlWriter().Open("ul").Attr("class", "hexmap-legend").Attr("aria-label", "Key to the map: " + Label(election));
        switch (Kind)
        {
            case MapModeKind.Gains:
                foreach (var party in national.Parties.Where(p => p.Gains > 0).Select(p => p.Party))
                {
                    Swatch(html, party.Colour).Element("span", "code", party.Code).Text(" gain").Close("li");
                }

                Swatch(html, HexColours.Held).Text("Held").Close("li");
                break;
            case MapModeKind.Turnout:
                for (var i = 0; i < TurnoutSteps.Length; i++)
                {
                    Swatch(html, TurnoutColours[i]).Text(Range(TurnoutSteps, i, "%")).Close("li");
                }

                break;
            case MapModeKind.Share:
                var colour = Format.Party(election, Party!).Colour;
                for (var i = 0; i < ShareSteps.Length; i++)
                {
                    Swatch(html, Shade(colour, i)).Text(Range(ShareSteps, i, "%")).Close("li");
                }

                Swatch(html, HexColours.NoFigure).Text("Did not stand").Close("li");
                break;
            case MapModeKind.Swing:
                foreach (var towards in new[] { Party!, From! })
                {
                    var c = Format.Party(election, towards).Colour;
                    for (var i = 0; i < SwingSteps.Length; i++)
                    {
                        Swatch(html, Shade(c, SwingStrength[i])).Text($"{Range(SwingSteps, i, " pts")} to {towards}").Close("li");
                    }
                }

                Swatch(html, HexColours.NoFigure).Text("No swing figure").Close("li");
                break;
        }

        return html
            .Open("li").Open("span").Attr("class", "swatch awaiting").Attr("aria-hidden", "true").Close("span").Text("Awaiting").Close("li")
            .Open("li").Open("span").Attr("class", "swatch counting").Attr("aria-hidden", "true").Close("span").Text("Counting").Close("li")
            .Close("ul")
            .ToString();
    }

    /// <summary>The <paramref name="bin"/>th step (0 to 5) of a party's scale, from near white to its full colour or past it.</summary>
    public static string Shade(string colour, int bin)
    {
        ArgumentNullException.ThrowIfNull(colour);
        var checkedColour = HtmlWriter.Colour(colour);
        bin = Math.Clamp(bin, 0, Strengths.Length - 1);
        var (white, ink) = HtmlWriter.IsLight(checkedColour) ? LightStrengths[bin] : (Strengths[bin], 0);
        return Mix(Mix("#FFFFFF", checkedColour, white), Ink, ink);
    }

    private static string Mix(string from, string to, double t)
    {
        static int Channel(string hex, int at) => int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var channels = Channels.Select(at => (int)Math.Round(Channel(from, at) + ((Channel(to, at) - Channel(from, at)) * t)));
        return "#" + string.Concat(channels.Select(c => c.ToString("X2", CultureInfo.InvariantCulture)));
    }

    private static HtmlWriter Swatch(HtmlWriter html, string colour) =>
        html.Open("li").Open("span").Attr("class", "swatch").Attr("aria-hidden", "true")
            .Attr("style", "background:" + HtmlWriter.Colour(colour)).Close("span");

    private static string Range(double[] steps, int i, string unit) =>
        i == 0 ? string.Create(CultureInfo.InvariantCulture, $"Under {steps[1]}{unit}")
        : i == steps.Length - 1 ? string.Create(CultureInfo.InvariantCulture, $"{steps[i]}{unit} or more")
        : string.Create(CultureInfo.InvariantCulture, $"{steps[i]}–{steps[i + 1]}{unit}");

    private static int Bin(double[] steps, double value)
    {
        var bin = 0;
        for (var i = 1; i < steps.Length; i++)
        {
            if (value >= steps[i])
            {
                bin = i;
            }
        }

        return bin;
    }

    private static bool Same(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static Party? Find(Election election, string code) =>
        election.PartyIndex(code.Trim()) is var i and >= 0 ? election.PartyAt(i) : null;

    private static string Name(Election election, string? code) => code is null ? "" : Format.Party(election, code).Name;
}
