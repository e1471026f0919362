namespace ResultsLive.Web.Operator.Console;

/// <summary>The graphics console's route and links, in one place.</summary>
public static class ConsoleRoutes
{
    public const string Console = OperatorSurface.Home;

    public static string ForChannel(string channel) => "operator?channel=" + Uri.EscapeDataString(channel);
}
