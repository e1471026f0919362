// ApexCharts for Blazor: one chart per element, created once, updated in place, destroyed with its component.
// The library is loaded on first use from wwwroot/lib (copied there from npm by the build), never from a CDN.
const charts = new WeakMap();
const destroyed = new WeakSet();
let library;

function loadLibrary() {
    if (window.ApexCharts) {
        return Promise.resolve(window.ApexCharts);
    }

    library ??= new Promise((resolve, reject) => {
        const css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = new URL("lib/apexcharts/apexcharts.css", document.baseURI).href;
        document.head.appendChild(css);

        const script = document.createElement("script");
        script.src = new URL("lib/apexcharts/apexcharts.min.js", document.baseURI).href;
        script.onload = () => resolve(window.ApexCharts);
        script.onerror = () => {
            library = undefined;
            reject(new Error("ApexCharts could not be loaded"));
        };
        document.head.appendChild(script);
    });
    return library;
}

function prepare(options, series, height) {
    const { valueSuffix, ...rest } = options;
    const prepared = { ...rest, series };
    if (valueSuffix) {
        const label = value => `${Number(value).toFixed(1)}${valueSuffix}`;
        prepared.dataLabels = { ...(rest.dataLabels ?? {}), formatter: label };
        prepared.xaxis = { ...(rest.xaxis ?? {}), labels: { ...(rest.xaxis?.labels ?? {}), formatter: value => `${value}${valueSuffix}` } };
    }
    // The component reserves this height on its element (so the page does not jump); the chart fills it.
    prepared.chart = { ...(options.chart ?? {}), height, injectStyleSheet: false };
    if (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) {
        prepared.chart.animations = { enabled: false };
    }
    return prepared;
}

function read(element) {
    return {
        options: element.dataset.options,
        series: element.dataset.series,
        height: Number(element.dataset.height),
    };
}

// Options and series arrive as JSON text in the element's data-options, data-series and data-height attributes (the
// strings are shared by every page on the server), and Blazor changes those attributes as the figures change: a
// MutationObserver turns each change into an in-place update. ApexCharts' own promises settle only when its animation
// frames run, which a background tab may not do for a long time, so they are never awaited here.
export async function create(element) {
    const ApexCharts = await loadLibrary();
    if (destroyed.has(element) || charts.has(element)) {
        return;
    }

    let drawn = read(element);
    const chart = new ApexCharts(element, prepare(JSON.parse(drawn.options), JSON.parse(drawn.series), drawn.height));
    const forgetMeasurements = keepTextMeasurements(chart);
    const observer = new MutationObserver(() => {
        const now = read(element);
        if (now.options !== drawn.options || now.height !== drawn.height) {
            // redrawPaths=false, animate=false: the chart is kept and drawn with the new options at once.
            chart.updateOptions(prepare(JSON.parse(now.options), JSON.parse(now.series), now.height), false, false, false);
        } else if (now.series !== drawn.series) {
            // animate=false: the same bars take their new lengths at once (an animated update keeps the main thread busy
            // for its whole length, and the next declaration's render waits behind it).
            chart.updateSeries(JSON.parse(now.series), false);
        }
        drawn = now;
    });
    observer.observe(element, { attributes: true, attributeFilter: ["data-options", "data-series", "data-height"] });
    charts.set(element, { chart, observer, forgetMeasurements });
    chart.render();
}

// ApexCharts measures each data label's text (an SVG getBBox, which makes the browser lay out the page) every time it
// redraws, and forgets the measurements before the next redraw. Between one declaration and the next most labels are
// the same text, so their measurements are kept for the life of the chart: a redraw measures only the labels that changed
// (in Chromium, a seats chart update went from 17 to 7 ms of the main thread, with avoidOverlap off in ResultsCharts).
// A text measured while the chart was hidden (zero size) is not kept; a web font arriving late clears what was kept.
// Returns what stops listening for fonts, for destroy: a newsroom page creates and destroys charts for hours.
const MEASUREMENTS_KEPT = 2000;

class Measurements extends Map {
    set(key, rect) {
        if (!(rect?.width > 0 && rect?.height > 0)) {
            return this;
        }
        if (this.size >= MEASUREMENTS_KEPT) {
            this.clear();
        }
        return super.set(key, rect);
    }
}

function keepTextMeasurements(chart) {
    const globals = chart.w?.globals;
    if (!globals || !("textRectsCache" in globals)) {
        // Another ApexCharts than the one this was written for (7.x): it measures as it always has.
        return () => { };
    }
    const kept = new Measurements();
    Object.defineProperty(globals, "textRectsCache", { configurable: true, get: () => kept, set: () => { } });
    const forget = () => kept.clear();
    document.fonts?.addEventListener("loadingdone", forget);
    return () => document.fonts?.removeEventListener("loadingdone", forget);
}

export function destroy(element) {
    destroyed.add(element);
    const entry = charts.get(element);
    if (entry) {
        entry.observer.disconnect();
        entry.forgetMeasurements();
        entry.chart.destroy();
        charts.delete(element);
    }
}
