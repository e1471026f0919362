using System.Globalization;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Controls;

/// <summary>
/// The swingometer's dial as SVG, the way broadcasters draw it: a half circle from a swing to B (left) to a swing to A
/// (right), the needle at the swing, and each seat either party held at the baseline as a dot at the swing its
/// challenger needs, stacked where they bunch: hollow until declared, then the winner's colour.
/// </summary>
public static class SwingDial
{
    public const double Width = 640;
    public const double Height = 360;

    /// <summary>Dots are gathered in bins this many points wide, then stacked outward.</summary>
    public const double Bin = 0.5;

    private const double CentreX = Width / 2;
    private const double CentreY = 330;
    private const double Inner = 172;
    private const double Step = 5.4;
    private const double Dot = 2.35;
    private const double Sweep = 80;

    /// <summary>The swing at either end of the dial: 25 points, or more when the swing itself is larger.</summary>
    public static double RangeFor(Swingometer swingometer)
    {
        ArgumentNullException.ThrowIfNull(swingometer);
        return swingometer.DialRange;
    }

    public static string Svg(Swingometer swingometer, Election election, string label)
    {
        ArgumentNullException.ThrowIfNull(swingometer);
        ArgumentNullException.ThrowIfNull(election);
        var range = RangeFor(swingometer);
        var (a, b) = (swingometer.PartyA, swingometer.PartyB);
        var html = new HtmlWriter(swingometer.Scale.Count * 120)
            .Open("svg").Attr("class", "swing-dial").Attr("viewBox", Invariant($"0 0 {Width} {Height}")).Attr("role", "img").Attr("aria-label", label);

        // The wedge from no swing to the swing: the seats inside it fall.
        if (swingometer.SwingToA is { } swing && swing != 0)
        {
            var towards = swing > 0 ? a : b;
            html.Open("path").Attr("class", "dial-wedge").Attr("d", Wedge(0, Math.Clamp(swing, -range, range), range, Inner - 8, Inner + (Step * 25)))
                .Attr("fill", HtmlWriter.Colour(towards.Colour)).Attr("fill-opacity", "0.12").End();
        }

        // The scale: an arc, ticks every five points, labelled.
        html.Open("path").Attr("class", "dial-arc").Attr("d", Arc(range, Inner - 10)).Attr("fill", "none").Attr("stroke", "#5b6675").Attr("stroke-width", "1.5").End();
        for (var t = -range; t <= range + 0.001; t += 5)
        {
            var (x1, y1) = Point(t, range, Inner - 10);
            var (x2, y2) = Point(t, range, Inner - 18);
            var (tx, ty) = Point(t, range, Inner - 32);
            html.Open("line").Attr("x1", N(x1)).Attr("y1", N(y1)).Attr("x2", N(x2)).Attr("y2", N(y2)).Attr("stroke", "#5b6675").Attr("stroke-width", "1.2").End()
                .Open("text").Attr("x", N(tx)).Attr("y", N(ty + 4)).Attr("text-anchor", "middle").Attr("class", "dial-tick").Attr("font-size", "13").Text(Invariant($"{Math.Abs(t):0}")).Close("text");
        }

        // The seats, stacked outward in their bin.
        var stacks = new Dictionary<int, int>();
        foreach (var seat in swingometer.OnDial)
        {
            var needed = seat.SwingNeeded!.Value;
            var bin = (int)Math.Round(needed / Bin);
            var height = stacks[bin] = stacks.GetValueOrDefault(bin) + 1;
            var (x, y) = Point(bin * Bin, range, Inner + (Step * (height - 1)));
            var holder = Format.Party(election, seat.BaselineWinner);
            var fill = seat.Winner is { } winner ? HtmlWriter.Colour(Format.Party(election, winner).Colour) : "#ffffff";
            var css = seat.Winner is null ? "dial-seat awaiting" : string.Equals(seat.Winner, seat.BaselineWinner, StringComparison.OrdinalIgnoreCase) ? "dial-seat held" : "dial-seat won";
            html.Open("circle").Attr("class", css).Attr("data-seat", seat.Constituency.Code).Attr("cx", N(x)).Attr("cy", N(y)).Attr("r", N(Dot))
                .Attr("fill", fill).Attr("stroke", HtmlWriter.Colour(seat.Winner is null ? holder.Colour : "#1b2430")).Attr("stroke-width", seat.Winner is null ? "1" : "0.4")
                .Open("title").Text(SeatTitle(seat, election)).Close("title").Close("circle");
        }

        // The needle.
        if (swingometer.SwingToA is { } at)
        {
            var (nx, ny) = Point(Math.Clamp(at, -range, range), range, Inner + (Step * 27));
            html.Open("line").Attr("class", "dial-needle").Attr("x1", N(CentreX)).Attr("y1", N(CentreY)).Attr("x2", N(nx)).Attr("y2", N(ny))
                .Attr("stroke", "#1b2430").Attr("stroke-width", "3").Attr("stroke-linecap", "round").End();
        }

        html.Open("circle").Attr("cx", N(CentreX)).Attr("cy", N(CentreY)).Attr("r", "7").Attr("fill", "#1b2430").End()
            .Open("text").Attr("x", "12").Attr("y", N(CentreY + 22)).Attr("class", "dial-side").Attr("font-size", "15").Attr("font-weight", "700").Text($"← Swing to {b.Code}").Close("text")
            .Open("text").Attr("x", N(Width - 12)).Attr("y", N(CentreY + 22)).Attr("text-anchor", "end").Attr("class", "dial-side").Attr("font-size", "15").Attr("font-weight", "700").Text($"Swing to {a.Code} →").Close("text");
        return html.Close("svg").ToString();
    }

    /// <summary>How many of the seats need a bigger swing than the dial shows.</summary>
    public static int OffTheDial(Swingometer swingometer)
    {
        ArgumentNullException.ThrowIfNull(swingometer);
        return swingometer.Scale.Count - swingometer.OnDial.Count();
    }

    /// <summary>A seat's line on the dial: its name, who held it, the swing needed, and what happened.</summary>
    public static string SeatTitle(SwingometerSeat seat, Election election)
    {
        ArgumentNullException.ThrowIfNull(seat);
        ArgumentNullException.ThrowIfNull(election);
        var needed = seat.SwingNeeded is { } n ? Invariant($"{Math.Abs(n):0.0} pts") : "–";
        return $"{seat.Constituency.Name}: {seat.BaselineWinner} at the baseline, falls at {needed}; {Outcome(seat)}";
    }

    /// <summary>"Won by Lab", "Held by Con" or "Awaiting".</summary>
    public static string Outcome(SwingometerSeat seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        return seat.Winner is not { } winner ? "awaiting"
            : string.Equals(winner, seat.BaselineWinner, StringComparison.OrdinalIgnoreCase) ? "held by " + winner
            : "won by " + winner;
    }

    private static (double X, double Y) Point(double swing, double range, double radius)
    {
        // Straight up is no swing; a swing to A turns right, to B left, Sweep degrees at the end of the range.
        var angle = swing / range * Sweep * Math.PI / 180;
        return (CentreX + (radius * Math.Sin(angle)), CentreY - (radius * Math.Cos(angle)));
    }

    private static string Arc(double range, double radius)
    {
        var (x1, y1) = Point(-range, range, radius);
        var (x2, y2) = Point(range, range, radius);
        return Invariant($"M{N(x1)} {N(y1)}A{N(radius)} {N(radius)} 0 0 1 {N(x2)} {N(y2)}");
    }

    private static string Wedge(double from, double to, double range, double inner, double outer)
    {
        var (lo, hi) = (Math.Min(from, to), Math.Max(from, to));
        var (ax, ay) = Point(lo, range, outer);
        var (bx, by) = Point(hi, range, outer);
        var (cx, cy) = Point(hi, range, inner);
        var (dx, dy) = Point(lo, range, inner);
        return Invariant($"M{N(ax)} {N(ay)}A{N(outer)} {N(outer)} 0 0 1 {N(bx)} {N(by)}L{N(cx)} {N(cy)}A{N(inner)} {N(inner)} 0 0 0 {N(dx)} {N(dy)}Z");
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
