using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ResultsLive.Web.Shared.Charts;

/// <summary>
/// A thin ApexCharts wrapper: creates the chart once after the first render, lets the browser update it in place when its
/// figures change, and destroys it when the component goes away.
/// </summary>
/// <remarks>
/// Options and series cross to the browser as JSON strings shared by every page (see <see cref="ChartDefinition"/>), as
/// attributes of the chart's element: an update is one attribute in the page's render batch, which the module watches, so
/// a page costs no interop round trip per declaration (two charts on the scoreboard made that four hub messages per
/// open page per update). Only creating and destroying the chart are interop calls.
/// </remarks>
public sealed partial class ApexChart : IAsyncDisposable
{
    /// <summary>The collocated ES module, as the app serves it.</summary>
    public const string ModulePath = "./Shared/Charts/ApexChart.razor.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private bool _created;
    private bool _creating;
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

    // After rendering, so the element exists with its attributes when the chart is created from them.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_created || _creating || _disposed)
        {
            return;
        }

        _creating = true;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await _module.InvokeVoidAsync("create", _element);
            _created = true;
        }
        catch (Exception ex) when (ex is JSException or TaskCanceledException)
        {
            // The browser could not draw (the figures are in the table beside the chart either way); the next render tries again.
        }
        catch (JSDisconnectedException)
        {
            // The browser went away.
        }
        finally
        {
            _creating = false;
        }
    }
}
