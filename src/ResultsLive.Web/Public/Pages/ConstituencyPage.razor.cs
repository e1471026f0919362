using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Arithmetic;
using ResultsLive.Core.Model;
using ResultsLive.Web.Public.Fragments;
using ResultsLive.Web.Shared.Markup;

namespace ResultsLive.Web.Public.Pages;

/// <summary><c>/constituency/{code}</c>: one seat: its result in full once declared, its candidates and baseline before; kept live by public.js.</summary>
public sealed partial class ConstituencyPage
{
    private Constituency? _constituency;
    private LedgerState _state = null!;
    private DrawnPart _part = null!;

    [Inject]
    public required PublicParts Public { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public string Code { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        _state = Public.Ledger.State;
        _constituency = _state.Snapshot.Election.FindConstituency(Code);
        if (_constituency is null)
        {
            // A real 404 on the first response (and the not-found page), not a 200 that says "not found".
            Navigation.NotFound();
            return;
        }

        var part = PublicPart.Seat(_constituency.Code);
        _part = (await Public.DrawAsync(_state, part))[part];
    }

    private static string Description(Constituency constituency, SeatResult? seat, SeatStatus status) =>
        seat is not null ? seat.Text : $"{constituency.Name} ({constituency.Region}): {Format.Status(status).ToLowerInvariant()}. Candidates, the result as it is declared, and the last result.";
}
