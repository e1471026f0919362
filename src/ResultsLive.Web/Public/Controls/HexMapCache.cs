using System.Runtime.CompilerServices;

using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;

using HexJsonMap = ResultsLive.Import.HexMap;

namespace ResultsLive.Web.Public.Controls;

/// <summary>
/// The hex map's render cache, one per node: each election's layout (geometry, and its bands' markup per snapshot) and
/// each snapshot's key, built once and shared by every page that shows the map.
/// </summary>
public sealed class HexMapCache
{
    private readonly ConditionalWeakTable<Election, HexMapLayout> _layouts = new();
    private readonly ConditionalWeakTable<NationalSnapshot, string> _legends = new();

    /// <summary>The layout for <paramref name="election"/>, computed on first use and kept as long as the election is.</summary>
    public HexMapLayout Layout(Election election, HexJsonMap? map)
    {
        ArgumentNullException.ThrowIfNull(election);
        return _layouts.GetValue(election, e => new HexMapLayout(e, map));
    }

    /// <summary>The map's key for one snapshot.</summary>
    public MarkupString Legend(NationalSnapshot national)
    {
        ArgumentNullException.ThrowIfNull(national);
        return new MarkupString(_legends.GetValue(national, static n => HexMapLayout.Legend(n)));
    }
}
