using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResultsLive.Web.Tests.Api;

/// <summary>Declaration bodies for the API tests, from the Library's real 2024 figures.</summary>
internal static class Declarations
{
    public const string IslingtonNorth = "E14001305";

    public static JsonObject IslingtonNorthBody(int revision = 1) => new()
    {
        ["constituency"] = IslingtonNorth,
        ["revision"] = revision,
        ["declaredAt"] = "2024-07-05T03:42:00+01:00",
        ["electorate"] = 72852,
        ["invalidVotes"] = 189,
        ["candidates"] = new JsonArray(
            Candidate("Jeremy Corbyn", "Ind", 24120),
            Candidate("Praful Nargund", "Lab", 16873),
            Candidate("Sheridan Kates", "Green", 2660),
            Candidate("Karen Harries", "Con", 1950),
            Candidate("Martyn Nelson", "RUK", 1710),
            Candidate("Vikas Aggarwal", "LD", 1661),
            Candidate("Paul Josling", "Ind", 32)),
    };

    public static JsonObject Candidate(string name, string party, int votes) => new() { ["name"] = name, ["party"] = party, ["votes"] = votes };

    public static string Text(this JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
