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

// Options and series arrive as JSON text (shared by every page on the server). ApexCharts' own promises settle only when
// its animation frames run, which a background tab may not do for a long time, so they are never awaited here.
export async function create(element, optionsJson, seriesJson, height) {
    const ApexCharts = await loadLibrary();
    if (destroyed.has(element) || charts.has(element)) {
        return;
    }

    const chart = new ApexCharts(element, prepare(JSON.parse(optionsJson), JSON.parse(seriesJson), height));
    charts.set(element, chart);
    chart.render();
}

export function updateSeries(element, seriesJson) {
    // animate=true: bars move to their new length rather than redrawing, so nothing flickers.
    charts.get(element)?.updateSeries(JSON.parse(seriesJson), true);
}

export function updateOptions(element, optionsJson, seriesJson, height) {
    // redrawPaths=false, animate=true: the chart is kept and morphs to the new options.
    charts.get(element)?.updateOptions(prepare(JSON.parse(optionsJson), JSON.parse(seriesJson), height), false, true, false);
}

export function destroy(element) {
    destroyed.add(element);
    const chart = charts.get(element);
    if (chart) {
        chart.destroy();
        charts.delete(element);
    }
}
