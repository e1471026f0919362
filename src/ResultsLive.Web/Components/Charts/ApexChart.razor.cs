using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ResultsLive.Web.Components.Charts;

/// <summary>
/// A thin ApexCharts wrapper: creates the chart once on the first render, then updates it in place (series only when
/// only the figures changed, options when anything else did), and destroys it when the component goes away.
/// </summary>
/// <remarks>
/// Options and series cross to the browser as JSON strings shared by every page (see <see cref="ChartDefinition"/>):
/// no per-page copies, and no per-circuit serializer metadata for option types.
/// </remarks>
public sealed partial class ApexChart : IAsyncDisposable
{
    /// <summary>The collocated ES module, as the app serves it.</summary>
    public const string ModulePath = "./Components/Charts/ApexChart.razor.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private string? _sentOptions;
    private string? _sentSeries;
    private int _sentHeight;
    private bool _syncing;
    private bool _disposed;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Parameter]
    [EditorRequired]
    public required ChartDefinition Definition { get; set; }

    /// <summary>Reserved height in pixels, so the page does not jump when the chart draws.</summary>
    [Parameter]
    public int Height { get; set; } = 300;

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("destroy", _element);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's chart with it.
        }
    }

    // After rendering, so the element exists (first time) and carries its new reserved height before the chart reads it.
    protected override Task OnAfterRenderAsync(bool firstRender) => SyncAsync();

    /// <summary>Brings the browser's chart up to the latest parameters; calls that arrive while one is in flight fold into it.</summary>
    private async Task SyncAsync()
    {
        if (_syncing || _disposed)
        {
            return;
        }

        _syncing = true;
        try
        {
            while (!_disposed)
            {
                var (definition, height) = (Definition, Height);
                if (_module is null)
                {
                    _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
                    await _module.InvokeVoidAsync("create", _element, definition.Options, definition.Series, height);
                }
                else if (definition.Options != _sentOptions || height != _sentHeight)
                {
                    await _module.InvokeVoidAsync("updateOptions", _element, definition.Options, definition.Series, height);
                }
                else if (definition.Series != _sentSeries)
                {
                    await _module.InvokeVoidAsync("updateSeries", _element, definition.Series);
                }
                else
                {
                    return;
                }

                (_sentOptions, _sentSeries, _sentHeight) = (definition.Options, definition.Series, height);
            }
        }
        catch (Exception ex) when (ex is JSDisconnectedException or JSException or TaskCanceledException)
        {
            // The browser went away, or could not draw: the figures are in the table beside the chart either way, and the
            // next render tries again (whatever was not acknowledged is sent again).
            if (ex is not JSDisconnectedException && _module is not null)
            {
                (_sentOptions, _sentSeries) = (null, null);
            }
        }
        finally
        {
            _syncing = false;
        }
    }
}
