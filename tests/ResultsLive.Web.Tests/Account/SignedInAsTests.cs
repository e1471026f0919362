using Bunit;
using Bunit.TestDoubles;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Account;

namespace ResultsLive.Web.Tests.Account;

/// <summary>The signed-in bar of the newsroom surfaces: who, which roles, and the end of the page when the session ends.</summary>
public sealed class SignedInAsTests : BunitContext
{
    [Fact]
    public void SignedInAs_Operator_ShowsTheNameRolesAndASignOutFormWithAntiforgery()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("oscar");
        auth.SetRoles("operator");

        var bar = Render<SignedInAs>();

        Assert.Equal("oscar", bar.Find(".who").FirstChild!.TextContent);
        Assert.Equal("operator", bar.Find(".roles").TextContent);
        var form = bar.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("signout", form.GetAttribute("action"));
    }

    [Fact]
    public void SignedInAs_SessionStopsStandingInTheCircuit_ReloadsThePageSoSignInTakesOver()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("oscar");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("operator");
        Render<SignedInAs>();

        // What the revalidating provider does when the user is removed, changed or locked: the state becomes anonymous.
        auth.SetNotAuthorized();

        var reload = navigation.History.First();
        Assert.EndsWith("/operator", reload.Uri, StringComparison.Ordinal);
        Assert.True(reload.Options.ForceLoad);
    }
}
