// ResultsLive's public pages and embeds, kept live without a circuit. The page arrives whole from the server (or a
// cache); this script hears "sequence N is out, these parts changed" from the push channel (/api/v1/stream), or polls
// /api/v1/latest when it cannot hold a stream, fetches the changed parts' immutable addresses (which any cache in
// front serves), swaps them in, redraws the charts in place, and tells screen readers what arrived. It says when it
// last heard from the server, says "results paused" when that is stale, and lets the reader pause it (WCAG 2.2.2).
import { create as createChart } from "./Shared/Charts/ApexChart.razor.js";
import { explore, reshow } from "./mapexplore.js";

const STALE_AFTER_MS = 30000;    // the server sends a keep-alive every 10 s: three missed means the line is down
const POLL_EVERY_MS = 2000;
const STREAM_FAILURES_BEFORE_POLLING = 2;
const CHANNEL = "resultslive-stream";

const status = document.querySelector("[data-live-status]");
const statusText = status?.querySelector("[data-live-text]");
const pauseButton = status?.querySelector("[data-live-pause]");
const news = status?.querySelector("[data-live-news]");
const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

let lastHeard = 0;
let paused = false;
let pendingWhilePaused = null;
let epoch = null;
let lastEventId = null;
let applying = Promise.resolve();
let refreshWhenResumed = false;
let connectionLost = false;

function parts() {
    return [...document.querySelectorAll("[data-part]")];
}

// ---- Charts: drawn from their element's data attributes; an update changes the attributes of the chart already drawn.

function drawCharts(root) {
    root.querySelectorAll(".apex-chart").forEach(element => {
        if (!element.dataset.drawn) {
            element.dataset.drawn = "1";
            createChart(element).catch(() => { delete element.dataset.drawn; });
        }
    });
}

// Keeps each drawn chart element (and its chart) and moves the new figures onto it, so the chart redraws in place.
function carryCharts(oldRoot, newRoot) {
    const drawn = [...oldRoot.querySelectorAll(".apex-chart[data-drawn]")];
    const incoming = [...newRoot.querySelectorAll(".apex-chart")];
    incoming.forEach((element, i) => {
        const chart = drawn[i];
        if (!chart) {
            return;
        }
        for (const name of ["data-height", "data-options", "data-series"]) {
            if (chart.getAttribute(name) !== element.getAttribute(name)) {
                chart.setAttribute(name, element.getAttribute(name));
            }
        }
        chart.style.minHeight = element.style.minHeight;
        element.replaceWith(chart);
    });
}

// Every version of a map has the same hexagons in the same places: a declaration changes a seat's colour and title.
// The drawn map is kept and the new colours and titles are moved onto it, and only what is around the map (its caption
// and key) is swapped. The browser then restyles and repaints the seats that changed instead of laying out and painting
// 650 new ones (measure-pages.sh: about a fifth of the browser's CPU per declaration), and the reader's zoom, focus and chosen
// seat stay as they were. False, with nothing changed, when the new version's map is not the same layout.
function carryMap(slot, incoming) {
    const drawn = slot.querySelector(".hexmap-svg");
    const next = incoming.querySelector(".hexmap-svg");
    if (!drawn || !next || !drawn.dataset.ready || depth(drawn, slot) !== depth(next, incoming)) {
        return false;
    }
    const old = drawn.querySelectorAll("a.hx");
    const now = next.querySelectorAll("a.hx");
    if (old.length !== now.length || [...old].some((hex, i) => hex.dataset.seat !== now[i].dataset.seat)) {
        return false;
    }
    old.forEach((hex, i) => carryHex(hex, now[i]));

    // Everything beside the map, at each level from the map up to the slot, is taken from the new version.
    let kept = drawn;
    let twin = next;
    while (kept !== slot) {
        const keptParent = kept.parentNode;
        const twinParent = twin.parentNode;
        const newcomers = [...twinParent.childNodes];
        const at = newcomers.indexOf(twin);
        [...keptParent.childNodes].forEach(node => {
            if (node !== kept) {
                node.remove();
            }
        });
        kept.before(...newcomers.slice(0, at));
        kept.after(...newcomers.slice(at + 1));
        if (keptParent !== slot) {
            for (const { name, value } of twinParent.attributes) {
                if (keptParent.getAttribute(name) !== value) {
                    keptParent.setAttribute(name, value);
                }
            }
        }
        kept = keptParent;
        twin = twinParent;
    }
    return true;
}

// How many levels below root a node is.
function depth(node, root) {
    let levels = 0;
    for (let at = node; at && at !== root; at = at.parentNode) {
        levels++;
    }
    return levels;
}

// One seat's new colour, title and link onto its drawn hexagon; a hexagon whose drawing changed shape (a recount's
// hatching) is replaced whole. Its tab stop is the reader's (the arrow keys move it), not the server's.
function carryHex(hex, fresh) {
    if (hex.childElementCount !== fresh.childElementCount) {
        fresh.setAttribute("tabindex", hex.getAttribute("tabindex") ?? "-1");
        hex.replaceWith(fresh);
        return;
    }
    for (const name of ["class", "href", "data-party"]) {
        const value = fresh.getAttribute(name);
        if (value === null) {
            hex.removeAttribute(name);
        } else if (hex.getAttribute(name) !== value) {
            hex.setAttribute(name, value);
        }
    }
    [...fresh.children].forEach((child, i) => {
        const drawn = hex.children[i];
        if (child.localName === "title") {
            if (drawn.textContent !== child.textContent) {
                drawn.textContent = child.textContent;
            }
        } else if (drawn.getAttribute("fill") !== child.getAttribute("fill")) {
            drawn.setAttribute("fill", child.getAttribute("fill"));
        }
    });
}

// ---- Parts: fetched by address and swapped in (a drawn map kept and recoloured), with focus, open disclosures and the
// search filter kept.

async function fetchPart(url) {
    const response = await fetch(url, { credentials: "omit" });
    if (!response.ok) {
        throw new Error(`${url}: ${response.status}`);
    }
    // The version the node says it served (a /fragments/current/ address has none of its own), else the address's.
    return { html: await response.text(), version: Number(response.headers.get("X-Part-Version")) || versionOf(url) };
}

function versionOf(url) {
    const match = /\/(\d+)(?:\.json)?$/.exec(url);
    return match ? Number(match[1]) : 0;
}

// A part's new address: its own, or for a chosen part (a swing pair, a map mode, an area) the address of the part it
// follows with its own name in place, as the server names every version of a chosen part by the followed part's.
function addressOf(slot, partsToUrls) {
    const own = partsToUrls[slot.dataset.part];
    const followed = slot.dataset.follows && partsToUrls[slot.dataset.follows];
    if (own || !followed) {
        return own;
    }
    const at = followed.lastIndexOf(`/${encodeURIComponent(slot.dataset.follows)}/`);
    return at < 0 ? undefined
        : `${followed.slice(0, at)}/${encodeURIComponent(slot.dataset.part)}/${followed.slice(at + slot.dataset.follows.length + 2)}`;
}

// A part with a chart, the map or a long table (the gains, the seat list) holds the browser longest: its fetch, its
// hundreds of elements parsed, laid out and painted, a chart redrawn. It is a heavy part, and the light ones (the ticker,
// the count) never wait behind it. See apply.
const HEAVY_ELEMENTS = 300;

function isHeavy(slot) {
    return slot.querySelector(".apex-chart, .hexmap-svg") !== null || slot.getElementsByTagName("*").length > HEAVY_ELEMENTS;
}

// The slots of one lane (light or heavy) that the addresses name at a version newer than they show.
function due(partsToUrls, heavy) {
    return parts()
        .filter(slot => isHeavy(slot) === heavy)
        .map(slot => ({ slot, url: addressOf(slot, partsToUrls) }))
        .filter(({ slot, url }) => url && versionOf(url) > Number(slot.dataset.version || 0));
}

async function put({ slot, url }) {
    const part = await fetchPart(url);
    swap(slot, part.html, part.version);
}

// Resolves in a task of the lowest priority the browser has: anything else waiting (news from the stream, a light part's
// response, a reader's click) runs first.
function background() {
    return globalThis.scheduler?.postTask
        ? globalThis.scheduler.postTask(() => { }, { priority: "background" })
        : new Promise(resolve => setTimeout(resolve, 0));
}

function swap(slot, html, version) {
    if (Number(slot.dataset.version || 0) >= version) {
        return;
    }
    const before = describe(slot);
    const template = document.createElement("template");
    template.innerHTML = html;
    const incoming = template.content;
    carryCharts(slot, incoming);
    const focusedSeat = slot.contains(document.activeElement) ? document.activeElement.getAttribute("data-seat") : null;
    const open = [...slot.querySelectorAll("details[open]")].map((_, i) => i);
    const mapKept = carryMap(slot, incoming);
    if (!mapKept) {
        slot.replaceChildren(incoming);
    }
    slot.dataset.version = String(version);
    open.forEach(i => slot.querySelectorAll("details")[i]?.setAttribute("open", ""));
    drawCharts(slot);
    if (mapKept) {
        reshow(slot);
    } else {
        prepareMap(slot);
    }
    if (focusedSeat) {
        const again = slot.querySelector(`[data-seat="${CSS.escape(focusedSeat)}"]`);
        if (again) {
            roveTo(again);
        }
    }
    filterSeats();
    announce(slot, before);
}

// What a reader should hear about a part's change: the newest declaration, or the seat's new result.
function describe(slot) {
    const latest = slot.querySelector("li.latest-item");
    if (latest) {
        return { kind: "latest", key: `${latest.dataset.seat}/${latest.dataset.revision}` };
    }
    const result = slot.querySelector("[data-testid=result]");
    const statusBadge = slot.querySelector("[data-testid=status]");
    if (statusBadge) {
        return { kind: "seat", key: `${statusBadge.textContent}/${result?.textContent ?? ""}/${slot.querySelector("[data-testid=revision]")?.textContent ?? ""}` };
    }
    return null;
}

function announce(slot, before) {
    const after = describe(slot);
    if (!after || !before || after.key === before.key || !news) {
        return;
    }
    let text = null;
    if (after.kind === "latest") {
        const item = slot.querySelector("li.latest-item");
        const line = item.querySelector(".latest-text")?.textContent ?? "";
        text = Number(item.dataset.revision) > 1 ? `Correction: ${line}` : `New result: ${line}`;
    } else {
        const badge = slot.querySelector("[data-testid=status]")?.textContent ?? "";
        const line = slot.querySelector("[data-testid=text]")?.textContent;
        const corrected = slot.querySelector("[data-testid=revision]")?.textContent;
        text = [corrected, line ?? badge].filter(Boolean).join(". ");
    }
    // Only the latest news is read: a burst of declarations must not become a queue of speech.
    news.textContent = text;
}

// ---- Applying news from the stream or the poll, unless the reader paused.

function receive(message) {
    if (message.kind === "lost") {
        // The stream broke (the node went away, or the network): say so now rather than after the stale limit.
        connectionLost = true;
        showStatus();
        return;
    }
    heard();
    if (message.epoch && epoch && message.epoch !== epoch) {
        // The journal started afresh: sequence numbers mean new things. Everything is taken again.
        epoch = message.epoch;
        refreshAll();
        return;
    }
    epoch = message.epoch ?? epoch;
    if (message.kind === "reset") {
        refreshAll(message.parts);
        return;
    }
    if (status && message.sequence) {
        // The newest sequence the page has heard of, whether or not it is shown yet (for tests and for anyone debugging).
        status.dataset.heard = String(message.sequence);
    }
    if (paused) {
        pendingWhilePaused = newest(pendingWhilePaused ?? {}, message.parts);
        if (status && message.sequence) {
            // What is held back, for the reader's status line and for tests: news arrived, the page stayed still.
            status.dataset.held = String(message.sequence);
        }
        return;
    }
    apply(message.parts);
}

// Each part's newest address of the two: news arrives in order, but a resumed or polled batch may repeat older ones.
function newest(parts, more) {
    const merged = { ...parts };
    for (const [part, url] of Object.entries(more ?? {})) {
        if (!merged[part] || versionOf(url) >= versionOf(merged[part])) {
            merged[part] = url;
        }
    }
    return merged;
}

// Swaps in the parts the news names, in two lanes. The light parts are fetched and swapped in as soon as the news comes,
// so a reader sees the new result at once. The heavy parts (charts, map, long tables) follow in a lane of their own:
// after the light parts of the same news, in background tasks that anything more urgent runs ahead of, and at most once
// a second. The ticker never waits behind a chart: measure-pages.sh --stream found the next result queued behind the last
// one's charts and map, 100 to 300 ms on a busy two-core machine.
// A heavy part out of sight (below the fold, or above it once the reader has scrolled on) is brought up to date at most
// every few seconds, and at once when it comes into view: the reader's browser does the work of what the reader can
// see. On a laptop's first screen of / that is the seats chart; the vote share chart, the map and the gains wait.
// In each lane, news that comes while an update is under way joins a single update that runs next, each part at its
// newest address: a page whose swaps take longer than the news takes to come (a busy phone, a full-speed night) skips
// the versions it would only have shown for a moment, rather than working through every one and falling further behind.
const HEAVY_EVERY_MS = 1000;
const OUT_OF_SIGHT_EVERY_MS = 5000;
let lightApplying = Promise.resolve();
let lightQueued = null;
let heavyNews = null;
let heavyRunning = false;
let heavyLast = -Infinity;
let wakeHeavy = () => { };
const heavySwappedAt = new WeakMap();
const inSight = new Set();
const sightings = "IntersectionObserver" in window
    ? new IntersectionObserver(entries => {
        for (const entry of entries) {
            if (entry.isIntersecting) {
                inSight.add(entry.target);
            } else {
                inSight.delete(entry.target);
            }
        }
        // A part that came into view with news waiting for it is brought up to date now.
        wakeHeavy();
    }, { rootMargin: "50% 0px" })
    : null;

function apply(partsToUrls) {
    heavyNews = newest(heavyNews ?? {}, partsToUrls);
    if (heavyRunning) {
        wakeHeavy();
    } else {
        heavyRunning = true;
        runHeavy().catch(() => refreshAll()).finally(() => { heavyRunning = false; });
    }
    if (lightQueued) {
        lightQueued = newest(lightQueued, partsToUrls);
        return;
    }
    lightQueued = { ...partsToUrls };
    lightApplying = lightApplying
        .then(() => {
            const next = lightQueued;
            lightQueued = null;
            return Promise.all(due(next, false).map(put));
        })
        .catch(() => refreshAll());
}

// How long until a heavy part may be swapped in: at once in view, else when it is OUT_OF_SIGHT_EVERY_MS old. Tests set
// data-out-of-sight-every on the status line to hold parts out of sight for as long as they need to look.
function untilDue(slot, now) {
    if (!sightings || inSight.has(slot)) {
        return 0;
    }
    const every = Number(status?.dataset.outOfSightEvery) || OUT_OF_SIGHT_EVERY_MS;
    return (heavySwappedAt.get(slot) ?? -Infinity) + every - now;
}

async function runHeavy() {
    while (heavyNews) {
        if (paused) {
            // The page stays as it is until the reader resumes, which applies what was held.
            pendingWhilePaused = newest(heavyNews, pendingWhilePaused ?? {});
            heavyNews = null;
            break;
        }
        const items = due(heavyNews, true);
        if (items.length === 0) {
            heavyNews = null;
            break;
        }
        const now = performance.now();
        const untils = items.map(({ slot }) => untilDue(slot, now));
        const wait = Math.max(Math.min(...untils), heavyLast + HEAVY_EVERY_MS - now);
        // For tests and for anyone debugging: the parts waiting to come into view.
        showOutOfSight(items.filter((_, i) => untils[i] > 0).map(({ slot }) => slot.dataset.part).join(" "));
        if (wait > 0) {
            // Woken early by news, or by a part coming into view, to work out again what is due.
            await nap(wait);
            continue;
        }
        // The light parts of the news go first, and their responses do not queue behind a map's.
        await lightApplying;
        const news = heavyNews;
        heavyLast = performance.now();
        const all = due(news, true);
        const taken = all.filter(({ slot }) => untilDue(slot, heavyLast) <= 0);
        // What is left stays for later: the parts taken now are up to date by then, so they are not due again.
        heavyNews = taken.length < all.length ? news : null;
        const fetched = taken.map(item => fetchPart(item.url));
        // Asked for together; a failure is met where that part is awaited (and the lane refreshes everything), not twice.
        fetched.forEach(f => f.catch(() => { }));
        for (const [i, { slot }] of taken.entries()) {
            const part = await fetched[i];
            // Each chart or map in a task of its own, after any news or light part that came meanwhile.
            await background();
            await lightApplying;
            swap(slot, part.html, part.version);
            heavySwappedAt.set(slot, performance.now());
        }
    }
    showOutOfSight("");
}

function showOutOfSight(waiting) {
    if (status && status.dataset.outOfSight !== waiting) {
        status.dataset.outOfSight = waiting;
    }
}

function nap(ms) {
    return new Promise(resolve => {
        const timer = setTimeout(woken, ms);
        function woken() {
            clearTimeout(timer);
            wakeHeavy = () => { };
            resolve();
        }
        wakeHeavy = woken;
    });
}

// Takes every part on the page as it is now: after a reset, a gap, an epoch change or a pause.
function refreshAll(known = {}) {
    if (paused) {
        pendingWhilePaused = null;
        refreshWhenResumed = true;
        return;
    }
    applying = applying.then(async () => {
        await Promise.all(parts().map(async slot => {
            const part = slot.dataset.part;
            const url = addressOf(slot, known) ?? `/fragments/current/${encodeURIComponent(part)}`;
            try {
                const fetched = await fetchPart(url);
                if (slot.dataset.epoch !== epoch || fetched.version > Number(slot.dataset.version || 0)) {
                    slot.dataset.version = "0";
                    slot.dataset.epoch = epoch ?? "";
                    swap(slot, fetched.html, fetched.version);
                }
            } catch {
                // Kept as it is; the next news tries again.
            }
        }));
    });
}
function heard() {
    connectionLost = false;
    lastHeard = Date.now();
    showStatus();
}

function showStatus() {
    if (!status) {
        return;
    }
    const stale = connectionLost || Date.now() - lastHeard > STALE_AFTER_MS;
    const at = lastHeard ? clock.format(new Date(lastHeard)) : null;
    let state;
    let text;
    if (paused) {
        state = "paused";
        text = `Live updates paused by you${at ? `; last heard from the server at ${at}` : ""}.`;
    } else if (!lastHeard || stale) {
        state = "stale";
        text = at
            ? `Results paused: no word from the server since ${at}. These are the last figures received; reconnecting…`
            : "Connecting to the live results…";
    } else {
        state = "live";
        const ago = Math.max(0, Math.round((Date.now() - lastHeard) / 1000));
        text = `Live: last heard from the server at ${at} (${ago < 2 ? "just now" : `${ago} s ago`}).`;
    }
    status.dataset.state = state;
    document.documentElement.dataset.live = state;
    markBadge(state === "stale" && lastHeard > 0);
    if (statusText.textContent !== text) {
        statusText.textContent = text;
    }
}

// The masthead's badge says PAUSED while the line is down, so no reader takes old figures for live ones.
function markBadge(stale) {
    const badge = document.querySelector(".mode");
    const label = badge && [...badge.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!label) {
        return;
    }
    badge.dataset.mode ??= label.textContent.trim();
    const mode = badge.dataset.mode;
    label.textContent = stale ? (mode === "LIVE" ? "PAUSED" : `${mode} · PAUSED`) : mode;
    badge.classList.toggle("mode-paused", stale);
}

function setUpPause() {
    if (!pauseButton) {
        return;
    }
    pauseButton.hidden = false;
    pauseButton.addEventListener("click", () => {
        paused = !paused;
        pauseButton.setAttribute("aria-pressed", String(paused));
        pauseButton.textContent = paused ? "Resume live updates" : "Pause live updates";
        if (!paused) {
            const pending = pendingWhilePaused;
            pendingWhilePaused = null;
            if (refreshWhenResumed) {
                refreshWhenResumed = false;
                refreshAll();
            } else if (pending) {
                apply(pending);
            }
        }
        showStatus();
    });
}

// ---- The push channel: one EventSource per browser for all of this site's tabs and embeds (Web Locks elect the tab
// that holds it; a BroadcastChannel passes its news on), or one of its own where those are not allowed (an opaque,
// sandboxed frame). HTTP/1.1 allows six connections per host: a page with several embeds must not spend one on each.

function openStream(deliver) {
    let failures = 0;
    let opened = false;
    let poller = null;
    const connect = () => {
        const url = lastEventId ? `/api/v1/stream?lastEventId=${encodeURIComponent(lastEventId)}` : "/api/v1/stream";
        const source = new EventSource(url);
        source.addEventListener("open", () => {
            opened = true;
            failures = 0;
            poller?.stop();
            poller = null;
        });
        const handle = kind => event => {
            lastEventId = event.lastEventId || lastEventId;
            const data = event.data ? JSON.parse(event.data) : {};
            deliver({ kind, epoch: data.epoch, sequence: data.sequence, parts: data.parts ?? {}, id: lastEventId });
        };
        source.addEventListener("sequence", handle("sequence"));
        source.addEventListener("reset", handle("reset"));
        source.addEventListener("keep-alive", handle("keep-alive"));
        source.addEventListener("error", () => {
            deliver({ kind: "lost" });
            // A dropped connection is retried by the browser itself (with Last-Event-ID, every 2 s as the server asks); a
            // refused one (blocked, or a proxy that will not stream) is retried here with backoff, polling meanwhile.
            if (source.readyState === EventSource.CLOSED || !opened) {
                failures++;
                source.close();
                if (failures >= STREAM_FAILURES_BEFORE_POLLING) {
                    poller ??= poll(deliver);
                }
                const delay = Math.min(10000, 1000 * 2 ** Math.min(failures, 4)) * (0.5 + Math.random() / 2);
                setTimeout(connect, delay);
            }
        });
    };
    connect();
}

// The fallback, and what pages do past the nodes' connections: /api/v1/latest through the cache, every two seconds.
function poll(deliver) {
    let sequence = -1;
    let stopped = false;
    const tick = async () => {
        if (stopped) {
            return;
        }
        try {
            const response = await fetch("/api/v1/latest", { credentials: "omit" });
            if (response.ok) {
                const latest = await response.json();
                if (latest.sequence !== sequence) {
                    // Further behind than the seats it lists: take every part afresh.
                    const gap = sequence >= 0 && latest.seatsSince > sequence;
                    sequence = latest.sequence;
                    deliver({ kind: gap ? "reset" : "sequence", epoch: latest.epoch, sequence, parts: latest.parts });
                } else {
                    deliver({ kind: "keep-alive", epoch: latest.epoch, sequence, parts: {} });
                }
            }
        } catch {
            // The status line turns stale by itself if this goes on.
        }
        setTimeout(tick, POLL_EVERY_MS);
    };
    tick();
    return { stop: () => { stopped = true; } };
}

function follow() {
    const sharing = "locks" in navigator && "BroadcastChannel" in window;
    if (!sharing) {
        openStream(receive);
        return;
    }
    let channel;
    try {
        channel = new BroadcastChannel(CHANNEL);
    } catch {
        openStream(receive);
        return;
    }
    channel.addEventListener("message", event => {
        if (event.data?.id) {
            lastEventId = event.data.id;
        }
        receive(event.data);
    });
    navigator.locks.request(CHANNEL, () => new Promise(() => {
        // This tab (or embed) holds the one stream until it goes away; the lock then passes to another.
        openStream(message => {
            channel.postMessage(message);
            receive(message);
        });
    })).catch(() => openStream(receive));
}

// ---- The map: one tab stop; the arrow keys move between seats; the focused or hovered seat's result is shown as text.

function prepareMap(root) {
    const map = root.querySelector?.(".hexmap-svg") ?? (root.classList?.contains("hexmap-svg") ? root : null);
    if (!map || map.dataset.ready) {
        return;
    }
    map.dataset.ready = "1";
    const slot = map.closest("[data-part]");
    if (slot) {
        explore(slot, roveTo);
    }
    const show = hex => {
        // Looked up each time: a newer version of the part brings its own readout beside the kept map.
        const readout = map.closest(".hexmap")?.querySelector(".hexmap-readout");
        if (readout) {
            readout.textContent = hex.querySelector("title")?.textContent ?? "";
        }
    };
    map.addEventListener("focusin", event => {
        const hex = event.target.closest("a.hx");
        if (hex) {
            show(hex);
        }
    });
    map.addEventListener("mouseover", event => {
        const hex = event.target.closest("a.hx");
        if (hex) {
            show(hex);
        }
    });
    map.addEventListener("keydown", event => {
        const from = event.target.closest("a.hx");
        const step = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[event.key];
        if (!from || !step) {
            return;
        }
        event.preventDefault();
        const at = centre(from);
        let best = null;
        let bestScore = Infinity;
        map.querySelectorAll("a.hx").forEach(hex => {
            const c = centre(hex);
            const dx = c.x - at.x;
            const dy = c.y - at.y;
            const along = dx * step[0] + dy * step[1];
            if (along <= 0.1) {
                return;
            }
            const across = Math.abs(dx * step[1] - dy * step[0]);
            const score = along + across * 2;
            if (score < bestScore) {
                bestScore = score;
                best = hex;
            }
        });
        if (best) {
            roveTo(best);
        }
    });
}

function centre(hex) {
    const use = hex.querySelector("use");
    return { x: Number(use.getAttribute("x")), y: Number(use.getAttribute("y")) };
}

function roveTo(hex) {
    hex.closest("svg")?.querySelectorAll("a.hx[tabindex='0']").forEach(a => a.setAttribute("tabindex", "-1"));
    hex.setAttribute("tabindex", "0");
    hex.focus();
}

// ---- Search on /constituencies: as the server folds names (SeatSearch), filtering as you type, the query kept in the URL.

function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

function filterSeats() {
    const input = document.querySelector("[data-search-input]");
    if (!input) {
        return;
    }
    const words = fold(input.value).split(" ").filter(Boolean);
    const rows = document.querySelectorAll("#seat-list tbody tr");
    let shown = 0;
    rows.forEach(row => {
        const match = words.every(w => row.dataset.search.includes(w));
        row.hidden = !match;
        shown += match ? 1 : 0;
    });
    const count = document.querySelector("[data-search-count]");
    const text = words.length ? `${shown} of ${rows.length} seats match “${input.value.trim()}”` : `${rows.length} seats`;
    if (count && count.textContent !== text) {
        count.textContent = text;
    }
    const empty = document.querySelector("[data-search-empty]");
    if (empty) {
        empty.hidden = !(words.length && shown === 0);
        empty.textContent = `No seat’s name or code contains “${input.value.trim()}”.`;
    }
}

function setUpSearch() {
    const input = document.querySelector("[data-search-input]");
    if (!input) {
        return;
    }
    // The script filters from here on; the server's filter for readers without one steps aside.
    document.querySelectorAll("main style").forEach(style => style.remove());
    input.addEventListener("input", () => {
        filterSeats();
        const url = new URL(location.href);
        if (input.value.trim()) {
            url.searchParams.set("q", input.value.trim());
        } else {
            url.searchParams.delete("q");
        }
        history.replaceState(history.state, "", url);
    });
    input.closest("form")?.addEventListener("submit", event => event.preventDefault());
    filterSeats();
}

// ---- Embeds: the host page is told the height (embed.js, pym.js and AMP's embed-size), and copy buttons on the codes page.

function setUpEmbed() {
    if (window.parent === window || !document.querySelector("[data-embed]")) {
        return;
    }
    const childId = new URLSearchParams(location.search).get("childId");
    let sent = 0;
    const tell = () => {
        const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
        if (height === sent) {
            return;
        }
        sent = height;
        window.parent.postMessage({ type: "resultslive-embed-size", height, href: location.href }, "*");
        window.parent.postMessage({ sentinel: "amp", type: "embed-size", height }, "*");
        if (childId) {
            window.parent.postMessage(`pymxPYMx${childId}xPYMxheightxPYMx${height}`, "*");
        }
    };
    new ResizeObserver(tell).observe(document.body);
    tell();
}

function setUpCopy() {
    document.querySelectorAll("[data-copy]").forEach(button => button.addEventListener("click", async () => {
        const source = document.getElementById(button.dataset.copy);
        try {
            await navigator.clipboard.writeText(source.value);
            button.textContent = "Copied";
        } catch {
            source.select();
        }
    }));
}

// ---- Start.

drawCharts(document);
parts().forEach(prepareMap);
parts().forEach(slot => sightings?.observe(slot));
setUpSearch();
setUpEmbed();
setUpCopy();
if (parts().length > 0) {
    setUpPause();
    showStatus();
    setInterval(showStatus, 1000);
    follow();
} else if (status) {
    status.hidden = true;
}
