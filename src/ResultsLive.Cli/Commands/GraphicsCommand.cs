using System.CommandLine;

using ResultsLive.Cli.Graphics;

namespace ResultsLive.Cli.Commands;

/// <summary><c>resultslive graphics preflight</c>: the broadcast graphics' day-before check.</summary>
internal static class GraphicsCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "the node whose templates and data to check, e.g. http://localhost:5080", Required = true };
        var chromium = new Option<string>("--chromium")
        {
            Description = "the Chromium to render in (default: $CHROMIUM, else /usr/bin/chromium)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
        };
        var seats = new Option<int?>("--seats") { Description = "check this many seats (the hardest names first) instead of every seat" };
        var preflight = new Command("preflight", "render every template for every seat in headless Chromium and report overflow, fallback fonts, text outside graphics-safe and low contrast")
        {
            url, chromium, seats,
        };
        preflight.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            if (!Uri.TryCreate(parse.GetRequiredValue(url).TrimEnd('/') + "/", UriKind.Absolute, out var node))
            {
                await console.Error.WriteLineAsync("--url must be an absolute URL").ConfigureAwait(false);
                return 2;
            }

            if (parse.GetValue(seats) is < 1)
            {
                await console.Error.WriteLineAsync("--seats must be 1 or more").ConfigureAwait(false);
                return 2;
            }

            var browser = parse.GetValue(chromium)!;
            if (!File.Exists(browser))
            {
                await console.Error.WriteLineAsync($"Chromium was not found at {browser}: pass --chromium or set CHROMIUM").ConfigureAwait(false);
                return 2;
            }

            PreflightReport report;
            try
            {
                report = await new Preflight(node, browser, console.Output).RunAsync(parse.GetValue(seats), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                await console.Error.WriteLineAsync($"{node} did not answer: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            foreach (var problem in report.Problems)
            {
                await console.Output.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
            }

            await console.Output.WriteLineAsync(
                $"preflight: {report.Renders} renders for {report.Seats} seats, {report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")}").ConfigureAwait(false);
            return report.Problems.Count == 0 ? 0 : 1;
        });

        return new Command("graphics", "broadcast graphics tools") { preflight };
    }
}
