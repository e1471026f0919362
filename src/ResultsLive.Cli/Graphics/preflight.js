// Runs inside a template page after update()/play(): what a gallery checks the day before, measured by the browser.
// Returns the problems found; fonts are checked from outside (Chromium is asked which fonts it drew each text with).
(() => {
  const SAFE = { left: 96, top: 54, right: 1824, bottom: 1026 };
  const MIN_SCALE = 0.66;
  const problems = [];

  function visible(el) {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      if (e.id !== 'gfx' && parseFloat(style.opacity) === 0) return false;
    }
    return true;
  }

  function rgb(color) {
    const m = /rgba?\(([^)]+)\)/.exec(color || '');
    if (!m) return null;
    const p = m[1].split(',').map(x => parseFloat(x));
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }

  function luminance(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }

  function contrast(a, b) {
    const x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }

  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return null;
  }

  // The characters the embedded font's faces declare (their unicode-range): a character outside them has no glyph of ours,
  // whether a system font then draws it (Chromium says which, checked from outside) or nothing does (a box on air).
  const ranges = [];
  document.fonts.forEach(face => {
    if (face.family.replace(/["']/g, '') !== 'RL Noto Sans') return;
    face.unicodeRange.split(',').forEach(part => {
      const m = /U\+([0-9A-F]+)(?:-([0-9A-F]+))?/i.exec(part.trim());
      if (m) ranges.push([parseInt(m[1], 16), parseInt(m[2] || m[1], 16)]);
    });
  });
  const covered = code => ranges.some(r => code >= r[0] && code <= r[1]);

  function label(el) {
    const text = (el.textContent || '').trim();
    return text.length > 60 ? text.slice(0, 60) + '…' : text;
  }

  // Overflow: a fitted box's text must fit its box, and not be squeezed past legibility.
  document.querySelectorAll('.fit').forEach(box => {
    const span = box.firstElementChild;
    if (!span || !(span.textContent || '').trim()) return;
    const outer = box.getBoundingClientRect();
    const inner = span.getBoundingClientRect();
    if (inner.width > outer.width + 0.5) {
      problems.push({ check: 'overflow', text: label(span), detail: `${inner.width.toFixed(0)} px of text in a ${outer.width.toFixed(0)} px box` });
    }
    const m = /scaleX\(([\d.]+)\)/.exec(span.style.transform || '');
    if (m && parseFloat(m[1]) < MIN_SCALE) {
      problems.push({ check: 'overflow', text: label(span), detail: `squeezed to ${(parseFloat(m[1]) * 100).toFixed(0)}% of its width` });
    }
  });
  if (document.documentElement.scrollWidth > 1920 || document.documentElement.scrollHeight > 1080) {
    problems.push({ check: 'overflow', text: '', detail: `the page is ${document.documentElement.scrollWidth}x${document.documentElement.scrollHeight}, not 1920x1080` });
  }

  // Text outside graphics-safe, and text below contrast on whatever it sits on.
  const walker = document.createTreeWalker(document.getElementById('gfx'), NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('.rl-mode-mark') || !visible(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && (r.left < SAFE.left - 0.5 || r.top < SAFE.top - 0.5 || r.right > SAFE.right + 0.5 || r.bottom > SAFE.bottom + 0.5)) {
      problems.push({ check: 'safe-area', text: label(el), detail: `text at ${r.left.toFixed(0)},${r.top.toFixed(0)}-${r.right.toFixed(0)},${r.bottom.toFixed(0)}` });
    }
    const missing = Array.from(node.nodeValue).filter(ch => ch.trim() && !covered(ch.codePointAt(0)));
    if (missing.length > 0) {
      problems.push({ check: 'font', text: label(el), detail: `no glyph in the embedded font for ${missing.map(ch => 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')).join(' ')}` });
    }
    if (seen.has(el)) continue;
    seen.add(el);
    const fore = rgb(getComputedStyle(el).color);
    const back = background(el);
    if (fore && back) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      const bold = parseInt(getComputedStyle(el).fontWeight, 10) >= 700;
      const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
      const ratio = contrast(fore, back);
      if (ratio < needed) {
        problems.push({ check: 'contrast', text: label(el), detail: `text contrast ${ratio.toFixed(2)}:1, needs ${needed}:1` });
      }
    }
  }

  // Party colours used as swatches and bars must stand out from what they sit on (3:1, WCAG's non-text contrast).
  document.querySelectorAll('[data-swatch]').forEach(el => {
    if (!visible(el)) return;
    const own = rgb(getComputedStyle(el).backgroundColor);
    const under = el.parentElement ? background(el.parentElement) : null;
    if (own && under && own.a > 0.5) {
      // An edge of its own that stands out (a pale party's dark outline, RL.paint) is enough, as WCAG allows.
      const style = getComputedStyle(el);
      const edge = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 ? rgb(style.outlineColor) : null;
      const ratio = contrast(own, under);
      if (ratio < 3 && !(edge && contrast(edge, under) >= 3 && contrast(edge, own) >= 3)) {
        problems.push({ check: 'contrast', text: el.getAttribute('data-party') || getComputedStyle(el).backgroundColor, detail: `party colour contrast ${ratio.toFixed(2)}:1 on its background, needs 3:1` });
      }
    }
  });

  return problems;
})()
