// The console's hotkeys. Keys go to .NET only when the operator is not typing: in a field, every key is the field's.
let handler = null;

const keys = new Set([" ", "Escape", "Enter", "ArrowUp", "ArrowDown", "n", "N", "u", "U", "p", "P", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"]);

function typing(target) {
    if (!target || !target.tagName) {
        return false;
    }
    const tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
}

export function start(dotnet) {
    stop();
    handler = event => {
        if (event.ctrlKey || event.altKey || event.metaKey || !keys.has(event.key) || typing(event.target)) {
            return;
        }
        // Space would scroll, F-keys open browser features, Enter would press the focused button a second time.
        event.preventDefault();
        dotnet.invokeMethodAsync("OnKey", event.key, event.shiftKey);
    };
    document.addEventListener("keydown", handler);
    // Says the hotkeys are live (tests wait for it; a page still loading has none).
    document.body.dataset.hotkeys = "on";
}

export function stop() {
    if (handler) {
        document.removeEventListener("keydown", handler);
        handler = null;
        delete document.body.dataset.hotkeys;
    }
}
