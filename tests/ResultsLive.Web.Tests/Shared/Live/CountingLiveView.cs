using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

using ResultsLive.Feed;
using ResultsLive.Web.Shared.Live;

namespace ResultsLive.Web.Tests.Shared.Live;

/// <summary>The smallest live component, written as the pages are: shows the view's sequence and counts its renders.</summary>
public sealed class CountingLiveView : ComponentBase, IDisposable
{
    private IDisposable? _following;
    private int _renders;

    [Inject]
    public required LiveView Live { get; init; }

    /// <summary>Which changes re-render it; every change when null.</summary>
    [Parameter]
    public Func<LiveChange, bool>? Relevant { get; set; }

    public int Renders => Volatile.Read(ref _renders);

    public void Dispose() => _following?.Dispose();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _following = Live.Follow(() => InvokeAsync(StateHasChanged), Relevant);
        }
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Interlocked.Increment(ref _renders);
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "id", "sequence");
        builder.AddContent(2, Live.Snapshot.Sequence);
        builder.CloseElement();
    }
}
