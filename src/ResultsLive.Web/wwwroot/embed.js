// ResultsLive embeds on a host page: turns each <blockquote class="resultslive-embed" data-src="..."> (the text that
// oEmbed and the embed codes give) into the live iframe, and sizes every ResultsLive iframe to the height it reports.
(function () {
    "use strict";
    function upgrade() {
        var quotes = document.querySelectorAll("blockquote.resultslive-embed[data-src]");
        for (var i = 0; i < quotes.length; i++) {
            var quote = quotes[i];
            var frame = document.createElement("iframe");
            frame.src = quote.getAttribute("data-src");
            frame.title = quote.textContent.trim().slice(0, 120);
            frame.setAttribute("height", quote.getAttribute("data-height") || "480");
            frame.setAttribute("width", "100%");
            frame.setAttribute("loading", "lazy");
            frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox");
            frame.setAttribute("data-resultslive-embed", "");
            frame.style.border = "0";
            frame.style.width = "100%";
            quote.parentNode.replaceChild(frame, quote);
        }
    }

    window.addEventListener("message", function (event) {
        var data = event.data;
        if (!data || data.type !== "resultslive-embed-size" || typeof data.height !== "number") {
            return;
        }
        var frames = document.querySelectorAll("iframe[data-resultslive-embed]");
        for (var i = 0; i < frames.length; i++) {
            if (frames[i].contentWindow === event.source) {
                frames[i].style.height = Math.max(50, Math.min(data.height, 20000)) + "px";
                frames[i].setAttribute("height", String(Math.round(data.height)));
            }
        }
    });

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", upgrade);
    } else {
        upgrade();
    }
})();
