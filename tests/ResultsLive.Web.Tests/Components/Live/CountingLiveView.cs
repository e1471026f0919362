using Microsoft.AspNetCore.Components.Rendering;

using ResultsLive.Feed;
using ResultsLive.Web.Components.Live;

namespace ResultsLive.Web.Tests.Components.Live;

/// <summary>The smallest live component: shows the snapshot's sequence and counts its renders.</summary>
public sealed class CountingLiveView : LiveComponentBase
{
    private int _renders;

    public int Renders => Volatile.Read(ref _renders);

    /// <summary>The newest sequence the component has taken from the feed, rendered or not.</summary>
    public long LatestSequence => Snapshot.Sequence;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Interlocked.Increment(ref _renders);
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "id", "sequence");
        builder.AddContent(2, Snapshot.Sequence);
        builder.CloseElement();
    }

    protected override bool IsRelevant(LiveChange change) => true;
}
