using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Playwright;

using ResultsLive.Core.Contracts;

namespace ResultsLive.Cli.Graphics;

/// <summary>One thing a preflight found wrong: which template, for which seat, what check, and how.</summary>
public sealed record PreflightProblem(string Template, string Subject, string Check, string Text, string Detail)
{
    public override string ToString() => $"{Template,-12} {Subject,-48} {Check,-10} {Detail}{(Text.Length > 0 ? $": \"{Text}\"" : "")}";
}

/// <summary>What a preflight rendered and found.</summary>
public sealed record PreflightReport(int Renders, int Seats, IReadOnlyList<PreflightProblem> Problems);

/// <summary>
/// The check a gallery runs the day before: every template rendered for every seat in headless Chromium, as CasparCG drives it
/// (<c>update(json)</c>, <c>play()</c>, <c>next()</c>), reporting text that overflows its box or is squeezed past legibility,
/// glyphs Chromium drew from a fallback font instead of the embedded one (it is asked which fonts it used), text outside
/// graphics-safe, and text or party colours below contrast.
/// </summary>
public sealed class Preflight(Uri node, string chromium, TextWriter progress)
{
    private const int GainsPerPage = 8;
    private const int TickerItems = 12;

    private static readonly string[] SeatTemplates = ["seat-result", "seat-full"];
    private static readonly string[] NationalTemplates = ["scoreboard", "swing", "bug"];
    private static readonly Lazy<string> Checks = new(() =>
    {
        using var stream = typeof(Preflight).Assembly.GetManifestResourceStream("ResultsLive.Cli.Graphics.preflight.js")
            ?? throw new InvalidOperationException("the preflight script is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // Marks elements whose text this run has not had checked for fonts yet, so Chromium is asked once per distinct text.
    private const string MarkUnchecked = """
        () => {
          const seen = window.__preflightSeen || (window.__preflightSeen = new Set());
          let marked = 0;
          document.querySelectorAll('[data-preflight-font]').forEach(e => e.removeAttribute('data-preflight-font'));
          document.querySelectorAll('#gfx *').forEach(e => {
            const own = Array.prototype.filter.call(e.childNodes, n => n.nodeType === 3 && n.nodeValue.trim()).map(n => n.nodeValue).join('');
            if (!own) return;
            const key = getComputedStyle(e).fontWeight + '|' + own;
            if (seen.has(key)) return;
            seen.add(key);
            e.setAttribute('data-preflight-font', own.length > 60 ? own.slice(0, 60) + '…' : own);
            marked++;
          });
          return marked;
        }
        """;

    public async Task<PreflightReport> RunAsync(int? sample, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        var rows = await http.GetFromJsonAsync<List<ConstituencySummaryDto>>("api/v1/constituencies", ResultsContract.JsonOptions, ct).ConfigureAwait(false) ?? [];
        var all = new List<ConstituencyDetailDto>(rows.Count);
        foreach (var row in rows)
        {
            var detail = await http.GetFromJsonAsync<ConstituencyDetailDto>($"api/v1/constituencies/{Uri.EscapeDataString(row.Code)}", ResultsContract.JsonOptions, ct).ConfigureAwait(false);
            all.Add(detail!);
        }

        var seats = PreflightSeats.Sample(all, sample).Select(PreflightSeats.Declared).ToList();
        var national = await http.GetStringAsync(new Uri("api/v1/results", UriKind.Relative), ct).ConfigureAwait(false);
        var swingometer = await http.GetStringAsync(new Uri("api/v1/swingometer", UriKind.Relative), ct).ConfigureAwait(false);
        await progress.WriteLineAsync($"preflight: {seats.Count} of {all.Count} seats, 8 templates, at {node}").ConfigureAwait(false);

        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        }).ConfigureAwait(false);

        var problems = new List<PreflightProblem>();
        var renders = 0;
        foreach (var template in SeatTemplates)
        {
            renders += await RenderAsync(browser, template, seats.Select(s => (Subject(s), Json(s))), problems, ct).ConfigureAwait(false);
        }

        foreach (var template in NationalTemplates)
        {
            renders += await RenderAsync(browser, template, [("national", national)], problems, ct).ConfigureAwait(false);
        }

        renders += await RenderAsync(browser, "swingometer", [("swingometer", swingometer)], problems, ct).ConfigureAwait(false);

        // The gains board and the ticker with every seat in them: each row drawn once, a page or a ticker's worth at a time.
        var summaries = seats.Select(PreflightSeats.Summary).ToList();
        var gains = summaries.Select(s => s with { Result = GainLike(s) }).ToList();
        renders += await RenderAsync(browser, "gains", Chunks(gains, GainsPerPage), problems, ct).ConfigureAwait(false);
        renders += await RenderAsync(browser, "ticker", Chunks(summaries, TickerItems), problems, ct).ConfigureAwait(false);
        return new PreflightReport(renders, seats.Count, problems);
    }

    /// <summary>
    /// Renders <paramref name="template"/> with each item's data (any JSON: a seat, the nation, rows) and adds what is wrong to
    /// <paramref name="problems"/>; returns how many it rendered. For checking data of one's own, beside <see cref="RunAsync"/>.
    /// </summary>
    public async Task<int> RenderAsync(IBrowser browser, string template, IEnumerable<(string Subject, string Json)> items, List<PreflightProblem> problems, CancellationToken ct)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } }).ConfigureAwait(false);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(node, $"graphics/templates/{template}.html").ToString()).ConfigureAwait(false);
        var cdp = await page.Context.NewCDPSessionAsync(page).ConfigureAwait(false);
        await cdp.SendAsync("DOM.enable").ConfigureAwait(false);
        await cdp.SendAsync("CSS.enable").ConfigureAwait(false);
        var count = 0;
        foreach (var (subject, json) in items)
        {
            ct.ThrowIfCancellationRequested();
            await page.EvaluateAsync("json => { update(json); play(); }", json).ConfigureAwait(false);
            // Lay out first, so the faces the text needs start loading; fit again once they are in (as the template itself
            // does, a moment later); let two frames pass so the entrance transitions have started, then wait for them to
            // end, so what is measured is where the graphic rests on air, not a frame of it sliding in.
            await page.EvaluateAsync("""
                () => { void document.body.offsetHeight;
                  return document.fonts.ready
                    .then(() => { RL.fitAll(); return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); })
                    .then(() => Promise.all(document.getAnimations().filter(a => a.effect && a.effect.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))); }
                """).ConfigureAwait(false);
            var found = await page.EvaluateAsync<JsonElement>(Checks.Value).ConfigureAwait(false);
            foreach (var problem in found.EnumerateArray())
            {
                problems.Add(new PreflightProblem(template, subject, problem.GetProperty("check").GetString()!, problem.GetProperty("text").GetString()!, problem.GetProperty("detail").GetString()!));
            }

            problems.AddRange(await FontsAsync(page, cdp, template, subject).ConfigureAwait(false));
            foreach (var error in errors)
            {
                problems.Add(new PreflightProblem(template, subject, "script", "", error));
            }

            errors.Clear();
            count++;
            if (count % 100 == 0)
            {
                await progress.WriteLineAsync($"  {template}: {count} rendered").ConfigureAwait(false);
            }
        }

        await page.CloseAsync().ConfigureAwait(false);
        return count;
    }

    /// <summary>Asks Chromium which fonts drew each new piece of text; anything but the embedded font is a fallback.</summary>
    private static async Task<IReadOnlyList<PreflightProblem>> FontsAsync(IPage page, ICDPSession cdp, string template, string subject)
    {
        if (await page.EvaluateAsync<int>(MarkUnchecked).ConfigureAwait(false) == 0)
        {
            return [];
        }

        var document = await cdp.SendAsync("DOM.getDocument", new() { ["depth"] = 0 }).ConfigureAwait(false);
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var marked = await cdp.SendAsync("DOM.querySelectorAll", new() { ["nodeId"] = root, ["selector"] = "[data-preflight-font]" }).ConfigureAwait(false);
        var problems = new List<PreflightProblem>();
        foreach (var id in marked!.Value.GetProperty("nodeIds").EnumerateArray())
        {
            var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new() { ["nodeId"] = id.GetInt32() }).ConfigureAwait(false);
            var fallback = fonts!.Value.GetProperty("fonts").EnumerateArray()
                .Where(f => !f.GetProperty("isCustomFont").GetBoolean())
                .Select(f => $"{f.GetProperty("familyName").GetString()} ({f.GetProperty("glyphCount").GetInt32()} glyphs)")
                .ToList();
            if (fallback.Count > 0)
            {
                var attributes = await cdp.SendAsync("DOM.getAttributes", new() { ["nodeId"] = id.GetInt32() }).ConfigureAwait(false);
                var values = attributes!.Value.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()).ToList();
                var text = values.IndexOf("data-preflight-font") is var at and >= 0 && at + 1 < values.Count ? values[at + 1]! : "";
                problems.Add(new PreflightProblem(template, subject, "font", text, $"drawn in {string.Join(", ", fallback)}, not the embedded font"));
            }
        }

        return problems;
    }

    private static string Subject(ConstituencyDetailDto seat) => $"{seat.Code} {seat.Name}";

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ResultsContract.JsonOptions);

    /// <summary>Every row as a gain, so the gains board is tried with every seat's name and winner.</summary>
    private static string GainLike(ConstituencySummaryDto row) =>
        row.Result is { } result && result.Contains(" gain from ", StringComparison.Ordinal) ? result : $"{row.Winner?.Party} gain from Con";

    private static IEnumerable<(string, string)> Chunks(List<ConstituencySummaryDto> rows, int size)
    {
        for (var i = 0; i < rows.Count; i += size)
        {
            var chunk = rows.Skip(i).Take(size).ToList();
            yield return (string.Create(CultureInfo.InvariantCulture, $"rows {i + 1}-{i + chunk.Count}"), Json(chunk));
        }
    }
}
