using Microsoft.Playwright;

namespace ResultsLive.Testing;

/// <summary>
/// A real Chromium tab open on a node through a drill, never reloaded by it: a public page, whose own script must keep it
/// live, or a graphics output, which must keep its on-air ticker following the results. A small watcher in the tab reports
/// what it shows each time that changes (a MutationObserver, no polling), stamped when the report arrives here.
/// </summary>
public sealed class BrowserFollower : IDrillFollower
{
    /// <summary>
    /// On a public page the "latest results" part says which sequence it shows: public.js sets its <c>data-version</c> to the
    /// sequence of the part's address after swapping the part in. The live status says when the stream was lost
    /// (<c>stale</c>) and when the page heard from the server again (<c>live</c>).
    /// </summary>
    private const string PageWatcher = """
        () => {
            const latest = document.querySelector('[data-part=latest]');
            const status = document.querySelector('[data-live-status]');
            if (!latest || !status) {
                throw new Error('this page has no latest results or no live status');
            }
            const shown = () => window.drillShown(Number(latest.dataset.version || 0));
            new MutationObserver(shown).observe(latest, { attributes: true, attributeFilter: ['data-version'] });
            let lost = false;
            new MutationObserver(() => {
                if (status.dataset.state === 'stale') {
                    lost = true;
                } else if (status.dataset.state === 'live' && lost) {
                    lost = false;
                    window.drillReconnected();
                }
            }).observe(status, { attributes: true, attributeFilter: ['data-state'] });
            shown();
        }
        """;

    /// <summary>
    /// On an output the ticker layer's on-air graphic carries the sequence of its data (output.js's <c>rlOutput</c>); it
    /// counts as shown once the ticker's frame has drawn that data, its first item naming the data's newest seat. A rejoin
    /// of the channel (<c>rlOutput.joins</c>) is a reconnect, and may bring a new frame to watch.
    /// </summary>
    private const string OutputWatcher = """
        () => {
            const output = window.rlOutput;
            const layer = output.layers.ticker;
            let items = null;
            const shown = () => {
                const onAir = layer.onAir;
                const first = layer.shown?.frame.contentDocument?.querySelector('#items .tk-item .fit');
                const newest = onAir ? JSON.parse(onAir.data)[0] : null;
                if (first && newest && first.textContent.startsWith(newest.name + ':')) {
                    window.drillShown(onAir.sequence);
                }
            };
            const watch = () => {
                const found = layer.shown?.frame.contentDocument?.getElementById('items');
                if (found && found !== items) {
                    items = found;
                    new MutationObserver(shown).observe(items, { childList: true });
                }
                shown();
            };
            new MutationObserver(watch).observe(layer.el, { childList: true });
            layer.el.addEventListener('load', watch, true);
            let joins = output.joins;
            Object.defineProperty(output, 'joins', {
                get: () => joins,
                set: value => {
                    joins = value;
                    window.drillReconnected();
                    queueMicrotask(watch);
                },
            });
            watch();
        }
        """;

    private static readonly float Wait = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    private readonly IBrowserContext _context;
    private readonly ShownSequence _shown = new();
    private int _reconnects;

    private BrowserFollower(IBrowserContext context, string name)
    {
        _context = context;
        Name = name;
    }

    public string Name { get; }

    public long Sequence => _shown.Sequence;

    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>The machine's headless Chromium (<c>CHROMIUM</c>, else /usr/bin/chromium): Playwright cannot download its own here.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Opens a public page with a "latest results" part (<c>/</c>, <c>/embed/ticker</c>) once its stream is live.</summary>
    public static Task<BrowserFollower> OpenPageAsync(IBrowser browser, Uri node, string path, string name) =>
        OpenAsync(browser, new Uri(node, path), name, 1280, 1000, "() => document.querySelector('[data-live-status]')?.dataset.state === 'live'", PageWatcher);

    /// <summary>Opens a channel's program output as a playout machine does (its output key in the URL), once the ticker is on air.</summary>
    public static Task<BrowserFollower> OpenOutputAsync(IBrowser browser, Uri node, string channel, string outputKey, string name) =>
        OpenAsync(
            browser,
            new Uri(node, $"graphics/output/{Uri.EscapeDataString(channel)}?key={Uri.EscapeDataString(outputKey)}"),
            name,
            1920,
            1080,
            "() => window.rlOutput?.connected && window.rlOutput.layers.ticker.onAir !== null",
            OutputWatcher);

    public Task<long> WaitForAsync(long sequence, CancellationToken ct) => _shown.WaitForAsync(sequence, ct);

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private static async Task<BrowserFollower> OpenAsync(IBrowser browser, Uri url, string name, int width, int height, string ready, string watcher)
    {
        ArgumentNullException.ThrowIfNull(browser);

        // A context of its own: a public page shares its stream with the site's other tabs in one browser profile.
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } }).ConfigureAwait(false);
        var follower = new BrowserFollower(context, name);
        try
        {
            var page = await context.NewPageAsync().ConfigureAwait(false);
            await page.ExposeFunctionAsync<long>("drillShown", follower._shown.Shown).ConfigureAwait(false);
            await page.ExposeFunctionAsync("drillReconnected", () => Interlocked.Increment(ref follower._reconnects)).ConfigureAwait(false);
            await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = Wait }).ConfigureAwait(false);
            try
            {
                await page.WaitForFunctionAsync(ready, null, new() { Timeout = Wait }).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                var seen = await page.EvaluateAsync<string>("() => document.documentElement.outerHTML.slice(0, 2000)").ConfigureAwait(false);
                throw new TimeoutException($"{name} at {url} did not become ready ({ready}): {seen}", ex);
            }

            await page.EvaluateAsync(watcher).ConfigureAwait(false);
            return follower;
        }
        catch
        {
            await follower.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
