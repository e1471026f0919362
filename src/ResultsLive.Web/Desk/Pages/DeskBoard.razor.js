// The desk's browser side: the clipboard, notifications and a short sound. Copy and notifications need a secure context
// (https, or a local address); elsewhere the page shows the text selected for copying instead.

export function isSecure() {
    return window.isSecureContext === true && !!navigator.clipboard;
}

export async function copy(text, html) {
    try {
        if (html && window.ClipboardItem) {
            await navigator.clipboard.write([new ClipboardItem({
                'text/plain': new Blob([text], { type: 'text/plain' }),
                'text/html': new Blob([html], { type: 'text/html' }),
            })]);
        } else {
            await navigator.clipboard.writeText(text);
        }
        return true;
    } catch {
        return false;
    }
}

export function select(element) {
    if (element) {
        element.focus();
        element.select();
    }
}

export async function enableAlerts() {
    if (!('Notification' in window)) {
        return 'unsupported';
    }
    if (Notification.permission === 'default') {
        try {
            await Notification.requestPermission();
        } catch {
            // Some browsers only allow asking from a click; the sound still plays.
        }
    }
    return Notification.permission;
}

// Every alert is kept on the window too, so a test (or a curious editor in the console) can see what was raised.
export function alert(title, body, withSoundAndNotification) {
    (window.__deskAlerts ||= []).push({ title, body });
    if (!withSoundAndNotification) {
        return;
    }
    beep();
    if ('Notification' in window && Notification.permission === 'granted') {
        try {
            new Notification(title, { body, tag: title });
        } catch {
            // A notification that cannot be shown must not break the desk.
        }
    }
}

function beep() {
    try {
        const context = (window.__deskAudio ||= new AudioContext());
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.frequency.value = 880;
        gain.gain.value = 0.08;
        oscillator.connect(gain).connect(context.destination);
        oscillator.start();
        oscillator.stop(context.currentTime + 0.18);
    } catch {
        // No audio device: the notification still shows.
    }
}
