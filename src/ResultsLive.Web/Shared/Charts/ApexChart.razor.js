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
    charts.set(element, { chart, observer });
    chart.render();
}

export function destroy(element) {
    destroyed.add(element);
    const entry = charts.get(element);
    if (entry) {
        entry.observer.disconnect();
        entry.chart.destroy();
        charts.delete(element);
    }
}
