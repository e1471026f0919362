using Microsoft.AspNetCore.Components;

using ResultsLive.Core.Model;
using ResultsLive.Web.Public.Controls;
using ResultsLive.Web.Public.Fragments;

namespace ResultsLive.Web.Public.Pages;

/// <summary>
/// <c>/swing</c>: the swingometer between two parties (<c>?a=Con&amp;b=Lab</c>; by default the two largest at the
/// baseline), drawn as a dial with the seats along it and as tables; kept live by public.js like every public page.
/// </summary>
public sealed partial class SwingPage
{
    private LedgerState _state = null!;
    private IReadOnlyList<Party> _parties = [];
    private Party? _a;
    private Party? _b;
    private string? _problem;
    private string _title = "The swing";
    private DrawnPart? _part;

    [Inject]
    public required PublicParts Public { get; init; }

    [SupplyParameterFromQuery(Name = "a")]
    public string? A { get; set; }

    [SupplyParameterFromQuery(Name = "b")]
    public string? B { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _state = Public.Ledger.State;
        var snapshot = _state.Snapshot;
        _parties = PublicChoices.Parties(snapshot, null);
        var (first, second) = snapshot.National.Battleground.HeadlinePair;
        if (PublicChoices.Pair(snapshot.Election, _parties, A, B, new[] { first, second }.OfType<string>().ToList()) is not var (a, b, problem))
        {
            return;
        }

        (_a, _b, _problem) = (a, b, problem);
        _title = $"{a.Name} and {b.Name}";
        var part = ChosenPart.Swing(null, a, b);
        _part = (await Public.DrawAsync(_state, part))[part];
    }
}
