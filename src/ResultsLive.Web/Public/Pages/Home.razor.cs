using System.Globalization;

using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Web.Shared.Live;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Pages;

/// <summary><c>/</c>: the national scoreboard, vote share, swing, projection, map, latest declarations and gains, live.</summary>
public sealed partial class Home : IDisposable
{
    private IDisposable? _following;

    [Inject]
    public required LiveView Live { get; init; }

    [Inject]
    public required ResultsMarkup Markup { get; init; }

    public void Dispose() => _following?.Dispose();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _following = Live.Follow(() => InvokeAsync(StateHasChanged));
        }
    }

    /// <summary>The declared bar's fill, 0 to 1. (Inline rather than a component: every component is render trees in every open page.)</summary>
    private static string DeclaredFraction(NationalSnapshot national) =>
        national.TotalSeats == 0 ? "0" : ((double)national.Declared / national.TotalSeats).ToString("0.####", CultureInfo.InvariantCulture);
}
