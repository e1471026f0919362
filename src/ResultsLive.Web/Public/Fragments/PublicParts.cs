using Microsoft.AspNetCore.Components;

namespace ResultsLive.Web.Public.Fragments;

/// <summary>What a public page or embed is made of: the current version of each of its parts, drawn (once per node) by the renderer.</summary>
public sealed class PublicParts(FragmentLedger ledger, FragmentRenderer renderer)
{
    public FragmentLedger Ledger { get; } = ledger;

    /// <summary>Each of <paramref name="parts"/> as <paramref name="state"/> holds it, with its address.</summary>
    public async Task<IReadOnlyDictionary<string, DrawnPart>> DrawAsync(LedgerState state, params IEnumerable<string> parts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(parts);
        var drawn = new Dictionary<string, DrawnPart>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var sequence = state.VersionOf(part);
            var version = Ledger.Find(part, sequence)
                ?? throw new InvalidOperationException($"{part} at {sequence} is no longer held");
            var fragment = await renderer.HtmlAsync(version).ConfigureAwait(false);
            drawn[part] = new DrawnPart(part, version.Sequence, state.Url(part), new MarkupString(System.Text.Encoding.UTF8.GetString(fragment.Body)));
        }

        return drawn;
    }
}

/// <summary>A part as a page includes it: its version, its address and its HTML.</summary>
public sealed record DrawnPart(string Part, long Version, string Url, MarkupString Html);
