using System.Collections.Concurrent;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

using ResultsLive.Core.Model;

namespace ResultsLive.Web.Components.Controls;

/// <summary>
/// A party as text and colour together (colour is never the only cue): a chip in the party's colour, its code and,
/// optionally, its name. Markup written into the caller's render tree rather than a component per row, because a
/// component per table cell costs every open page its own state and render buffers.
/// </summary>
public static class PartyTag
{
    private static readonly ConcurrentDictionary<string, string> ChipStyles = new(StringComparer.Ordinal);

    public static RenderFragment For(Party party, bool showName = false) => builder => Write(builder, party, showName);

    private static void Write(RenderTreeBuilder builder, Party party, bool showName)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "party-tag");
        builder.AddAttribute(2, "title", party.Name);
        builder.OpenElement(3, "span");
        builder.AddAttribute(4, "class", "party-chip");
        builder.AddAttribute(5, "style", ChipStyles.GetOrAdd(party.Colour, static colour => "background:" + colour));
        builder.AddAttribute(6, "aria-hidden", "true");
        builder.CloseElement();
        builder.OpenElement(7, "span");
        builder.AddAttribute(8, "class", "party-code");
        builder.AddContent(9, party.Code);
        builder.CloseElement();
        if (showName)
        {
            builder.OpenElement(10, "span");
            builder.AddAttribute(11, "class", "party-name");
            builder.AddContent(12, party.Name);
            builder.CloseElement();
        }

        builder.CloseElement();
    }
}
