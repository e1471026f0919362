// Blazor raises components-reconnect-state-changed on the element with this id; we show a banner rather than a modal,
// so the last figures stay readable while the circuit reconnects.
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

// When the page last heard from the server: the moment the connection went, kept until it is back, so an editor can
// tell how old the figures under the banner are.
const lastHeard = reconnectModal.querySelector("[data-last-heard]");
let lostAt = null;

function handleReconnectStateChanged(event) {
    if (event.detail.state === "show") {
        if (!reconnectModal.open) {
            reconnectModal.show();
        }

        if (lostAt === null) {
            lostAt = new Date();
            lastHeard.textContent = `Last heard from the server at ${lostAt.toLocaleTimeString("en-GB")}.`;
            lastHeard.dataset.since = lostAt.toISOString();
            lastHeard.hidden = false;
        }
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
        lostAt = null;
        lastHeard.hidden = true;
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    } else if (event.detail.state === "rejected") {
        // The server no longer has this circuit (it restarted): a fresh page is the quickest way back to live figures.
        location.reload();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // true: reconnected; false: the server answered but has lost the circuit; throws: the server is unreachable.
        const successful = await Blazor.reconnect();
        if (!successful) {
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                location.reload();
            } else {
                reconnectModal.close();
                lostAt = null;
                lastHeard.hidden = true;
            }
        }
    } catch (err) {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            location.reload();
        }
    } catch {
        location.reload();
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
