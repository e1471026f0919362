// Exploring the hex map on a phone: zoom (buttons, pinch, wheel with Ctrl) and pan (drag) by the SVG's viewBox; a tap
// or keyboard focus shows the seat's result card (its result and a link to its page) instead of leaving the page; find
// my seat by name zooms to it. The map arrives server-rendered and works without this: a hex is a link to its seat.
// The controls sit outside the part's slot, so they and the zoom survive the part being swapped for a newer version.

const MAX_ZOOM = 8;

function box(svg) {
    const [x, y, w, h] = svg.getAttribute("viewBox").split(/[ ,]+/).map(Number);
    return { x, y, w, h };
}

function setBox(svg, b) {
    svg.setAttribute("viewBox", `${b.x.toFixed(2)} ${b.y.toFixed(2)} ${b.w.toFixed(2)} ${b.h.toFixed(2)}`);
    // At the whole map a finger scrolls the page; zoomed in, it pans the map.
    const whole = svg.dataset.whole ? JSON.parse(svg.dataset.whole) : b;
    svg.style.touchAction = b.w < whole.w - 0.01 ? "none" : "pan-y";
    svg.dataset.zoomed = b.w < whole.w - 0.01 ? "1" : "";
}

// Keeps a view inside the whole map and no smaller than MAX_ZOOM allows.
function clamp(view, whole) {
    const w = Math.min(whole.w, Math.max(whole.w / MAX_ZOOM, view.w));
    const h = w * whole.h / whole.w;
    const x = Math.min(whole.x + whole.w - w, Math.max(whole.x, view.x));
    const y = Math.min(whole.y + whole.h - h, Math.max(whole.y, view.y));
    return { x, y, w, h };
}

function centreOf(hex) {
    const use = hex.querySelector("use");
    return { x: Number(use.getAttribute("x")), y: Number(use.getAttribute("y")) };
}

function zoomAround(svg, whole, factor, at) {
    const now = box(svg);
    const w = now.w / factor;
    const h = now.h / factor;
    const centre = at ?? { x: now.x + now.w / 2, y: now.y + now.h / 2 };
    const view = clamp({ x: centre.x - (centre.x - now.x) / factor, y: centre.y - (centre.y - now.y) / factor, w, h }, whole);
    setBox(svg, view);
    return view;
}

// The SVG point under a screen point.
function toSvg(svg, clientX, clientY) {
    const rect = svg.getBoundingClientRect();
    const b = box(svg);
    // preserveAspectRatio="xMidYMid meet": the drawing is scaled evenly and centred in the element.
    const scale = Math.min(rect.width / b.w, rect.height / b.h);
    const offsetX = (rect.width - b.w * scale) / 2;
    const offsetY = (rect.height - b.h * scale) / 2;
    return { x: b.x + (clientX - rect.left - offsetX) / scale, y: b.y + (clientY - rect.top - offsetY) / scale, scale };
}

function showCard(slot, hex) {
    const card = slot.previousElementSibling?.querySelector?.(".map-card-result") ?? null;
    const readout = slot.querySelector(".hexmap-readout");
    const text = hex.querySelector("title")?.textContent ?? "";
    if (readout) {
        readout.textContent = text;
    }
    if (!card) {
        return;
    }
    card.hidden = false;
    card.querySelector("[data-card-text]").textContent = text;
    const link = card.querySelector("a");
    link.href = hex.getAttribute("href");
    link.textContent = `Open ${text.split(":")[0]}`;
    slot.dataset.selected = hex.dataset.seat;
}

function controls(slot) {
    const existing = slot.previousElementSibling;
    if (existing?.classList?.contains("map-tools")) {
        return existing;
    }
    const id = `find-${slot.dataset.part.replace(/[^a-z0-9-]/gi, "-")}`;
    const tools = document.createElement("div");
    tools.className = "map-tools";
    tools.innerHTML = `
        <div class="map-zoom" role="group" aria-label="Zoom the map">
            <button type="button" data-zoom="in" aria-label="Zoom in">+</button>
            <button type="button" data-zoom="out" aria-label="Zoom out">−</button>
            <button type="button" data-zoom="reset">Whole map</button>
        </div>
        <form class="map-find" role="search">
            <label for="${id}">Find a seat on the map</label>
            <span class="map-find-row">
                <input id="${id}" list="${id}-names" autocomplete="off" placeholder="Type a seat's name">
                <button type="submit">Find</button>
            </span>
            <datalist id="${id}-names"></datalist>
        </form>
        <p class="map-find-note" role="status" aria-live="polite"></p>
        <div class="map-card-result" hidden>
            <p data-card-text></p>
            <a href="">Open the seat</a>
        </div>`;
    slot.parentNode.insertBefore(tools, slot);
    return tools;
}

function names(slot, tools) {
    const list = tools.querySelector("datalist");
    const seats = [...slot.querySelectorAll("a.hx title")].map(t => t.textContent.split(":")[0]).sort((a, b) => a.localeCompare(b));
    if (list.options.length !== seats.length) {
        list.replaceChildren(...seats.map(name => Object.assign(document.createElement("option"), { value: name })));
    }
}

function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

// After a newer version's colours and titles were moved onto the drawn map: the chosen seat's card says its new result.
export function reshow(slot) {
    const hex = slot.dataset.selected && slot.querySelector(`.hexmap-svg a.hx[data-seat="${CSS.escape(slot.dataset.selected)}"]`);
    if (hex) {
        showCard(slot, hex);
    }
}

// Sets a map up to be explored; called for each new drawing of a map part (the first, and after each swap).
export function explore(slot, roveTo) {
    const svg = slot.querySelector(".hexmap-svg");
    if (!svg || svg.dataset.explorable) {
        return;
    }
    svg.dataset.explorable = "1";
    const whole = box(svg);
    svg.dataset.whole = JSON.stringify(whole);
    const tools = controls(slot);
    names(slot, tools);

    // A newer drawing keeps the reader's view, and the card of the seat they chose.
    if (slot.dataset.view) {
        setBox(svg, clamp(JSON.parse(slot.dataset.view), whole));
    }
    const remember = () => { slot.dataset.view = JSON.stringify(box(svg)); };
    if (slot.dataset.selected) {
        const again = svg.querySelector(`a.hx[data-seat="${CSS.escape(slot.dataset.selected)}"]`);
        if (again) {
            showCard(slot, again);
        }
    }

    if (!tools.dataset.ready) {
        tools.dataset.ready = "1";
        tools.addEventListener("click", event => {
            const button = event.target.closest("[data-zoom]");
            const current = slot.querySelector(".hexmap-svg");
            if (!button || !current) {
                return;
            }
            const full = JSON.parse(current.dataset.whole);
            if (button.dataset.zoom === "reset") {
                setBox(current, full);
            } else {
                zoomAround(current, full, button.dataset.zoom === "in" ? 2 : 0.5);
            }
            slot.dataset.view = JSON.stringify(box(current));
        });
        tools.querySelector(".map-find").addEventListener("submit", event => {
            event.preventDefault();
            const current = slot.querySelector(".hexmap-svg");
            const wanted = fold(tools.querySelector("input").value);
            const note = tools.querySelector(".map-find-note");
            if (!wanted || !current) {
                return;
            }
            const hexes = [...current.querySelectorAll("a.hx")];
            const hex = hexes.find(h => fold(h.querySelector("title").textContent.split(":")[0]) === wanted)
                ?? hexes.find(h => fold(h.querySelector("title").textContent.split(":")[0]).includes(wanted));
            if (!hex) {
                note.textContent = `No seat on this map is called “${tools.querySelector("input").value.trim()}”.`;
                return;
            }
            note.textContent = "";
            const full = JSON.parse(current.dataset.whole);
            const c = centreOf(hex);
            const w = full.w / 4;
            const h = w * full.h / full.w;
            setBox(current, clamp({ x: c.x - w / 2, y: c.y - h / 2, w, h }, full));
            slot.dataset.view = JSON.stringify(box(current));
            roveTo(hex);
            showCard(slot, hex);
        });
    }
    // Focus (the arrow keys move it) shows the card.
    svg.addEventListener("focusin", event => {
        const hex = event.target.closest("a.hx");
        if (hex) {
            showCard(slot, hex);
        }
    });

    // Pointers: a drag pans, two fingers pinch, a tap on a touch screen shows the card rather than leaving the page.
    const pointers = new Map();
    let moved = false;
    let pinch = null;
    svg.addEventListener("pointerdown", event => {
        pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
        moved = false;
        if (pointers.size === 2) {
            const [a, b] = [...pointers.values()];
            pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y) };
        }
    });
    svg.addEventListener("pointermove", event => {
        const last = pointers.get(event.pointerId);
        if (!last) {
            return;
        }
        const dx = event.clientX - last.x;
        const dy = event.clientY - last.y;
        pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
        if (pointers.size === 2 && pinch) {
            const [a, b] = [...pointers.values()];
            const distance = Math.hypot(a.x - b.x, a.y - b.y);
            if (pinch.distance > 0 && Math.abs(distance - pinch.distance) > 2) {
                const mid = toSvg(svg, (a.x + b.x) / 2, (a.y + b.y) / 2);
                zoomAround(svg, whole, distance / pinch.distance, mid);
                pinch.distance = distance;
                moved = true;
                remember();
            }
            return;
        }
        if (Math.abs(dx) + Math.abs(dy) < 1 || box(svg).w >= whole.w) {
            return;
        }
        const { scale } = toSvg(svg, event.clientX, event.clientY);
        const now = box(svg);
        setBox(svg, clamp({ ...now, x: now.x - dx / scale, y: now.y - dy / scale }, whole));
        moved = moved || Math.abs(dx) + Math.abs(dy) > 3;
        remember();
    });
    const release = event => {
        pointers.delete(event.pointerId);
        if (pointers.size < 2) {
            pinch = null;
        }
    };
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    svg.addEventListener("click", event => {
        const hex = event.target.closest("a.hx");
        if (!hex) {
            return;
        }
        if (moved) {
            event.preventDefault();
            moved = false;
            return;
        }
        // A mouse reader sees the result on hover and clicks through; a touch reader's tap shows the card first.
        if (event.pointerType === "touch" || (event.pointerType === undefined && matchMedia("(hover: none)").matches)) {
            event.preventDefault();
            showCard(slot, hex);
        }
    });
    svg.addEventListener("wheel", event => {
        if (!event.ctrlKey) {
            return;
        }
        event.preventDefault();
        zoomAround(svg, whole, event.deltaY < 0 ? 1.25 : 0.8, toSvg(svg, event.clientX, event.clientY));
        remember();
    }, { passive: false });
    if (!svg.style.touchAction) {
        svg.style.touchAction = "pan-y";
    }
}
