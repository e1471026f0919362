/* The runtime every ResultsLive template shares. It gives a template CasparCG's HTML contract as global functions
   (update(json), play(), next(), stop(), remove()), also what SPX Graphics Controller and OBS/vMix drivers call, and leaves
   the template only to draw its data. Data is one JSON string: the public API's own JSON, or SPX's field form
   {"f0": "<seat code>", "f1": "<node URL>"} from which the template fetches that JSON itself.
   Written for the Chromium that CasparCG 2.3 embeds (73): ES2017 at most, no optional chaining, no ?? , no class fields. */
(function (global) {
  'use strict';

  var MINUS = '\u2212';

  // The colours of Core's PartyCatalog (the site's); a test keeps them equal. White text on all but the light ones (the SNP's
  // yellow), which take dark ink as the site's pages do (RL.paint).
  var PARTIES = {
    Lab: ['Labour', '#C8102E'],
    Con: ['Conservative', '#0A3B7C'],
    LD: ['Liberal Democrat', '#B35A00'],
    RUK: ['Reform UK', '#0E7C86'],
    Green: ['Green', '#2E7D32'],
    SNP: ['Scottish National Party', '#FFE24A'],
    PC: ['Plaid Cymru', '#005B54'],
    DUP: ['Democratic Unionist Party', '#6D1F3A'],
    SF: ['Sinn F\u00e9in', '#1F4E2C'],
    SDLP: ['Social Democratic and Labour Party', '#6B8E23'],
    UUP: ['Ulster Unionist Party', '#3A5BA0'],
    APNI: ['Alliance', '#8A6500'],
    TUV: ['Traditional Unionist Voice', '#5E3A87'],
    Spk: ['Speaker', '#4A4A4A'],
    Ind: ['Independent', '#5C5C70'],
    WPB: ['Workers Party of Britain', '#7A1F3D'],
    Oth: ['Other', '#6B6B6B']
  };
  var UNKNOWN_COLOUR = '#6B6B6B';

  var definition = null;
  var root = null;
  var data = null;
  var raw = null;
  var played = false;
  var fetching = 0;

  function lookup(code) {
    if (!code) { return null; }
    if (PARTIES.hasOwnProperty(code)) { return PARTIES[code]; }
    for (var key in PARTIES) {
      if (PARTIES.hasOwnProperty(key) && key.toLowerCase() === String(code).toLowerCase()) { return PARTIES[key]; }
    }
    return null;
  }

  var RL = {
    parties: PARTIES,

    /** A party's colour: the one the data carries (the national JSON has them), else the catalogue's, else grey. */
    colour: function (code, given) {
      if (given) { return given; }
      var known = lookup(code);
      return known ? known[1] : UNKNOWN_COLOUR;
    },

    partyName: function (code, given) {
      if (given) { return given; }
      var known = lookup(code);
      return known ? known[0] : String(code || '');
    },

    number: function (n) {
      if (typeof n !== 'number' || !isFinite(n)) { return '\u2013'; }
      return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    },

    percent: function (n) {
      return typeof n === 'number' && isFinite(n) ? n.toFixed(1) + '%' : '\u2013';
    },

    /** "+3.4", "−2.1"; "new" where there is nothing to compare with (an independent). */
    change: function (n, missing) {
      if (typeof n !== 'number' || !isFinite(n)) { return missing === undefined ? 'new' : missing; }
      var r = Math.round(n * 10) / 10;
      if (r > 0) { return '+' + r.toFixed(1); }
      if (r < 0) { return MINUS + (-r).toFixed(1); }
      return '0.0';
    },

    signed: function (n) {
      if (n > 0) { return '+' + n; }
      if (n < 0) { return MINUS + (-n); }
      return '0';
    },

    /** "Ind GAIN from Lab", "Lab HOLD": the Library's wording, with the verdict in capitals for air. */
    verdict: function (result) {
      if (!result) { return ''; }
      return String(result).replace(/ gain from /i, ' GAIN from ').replace(/ hold$/i, ' HOLD');
    },

    /** Sets text, never markup: any name, quote or ampersand in the data is drawn as itself. */
    text: function (el, value) {
      el.textContent = value === null || value === undefined ? '' : String(value);
      return el;
    },

    el: function (tag, className, text) {
      var node = document.createElement(tag);
      if (className) { node.className = className; }
      if (text !== undefined) { RL.text(node, text); }
      return node;
    },

    /** Whether white text fails WCAG AA (4.5:1) on a #RRGGBB colour: HtmlWriter.IsLight's rule, so pages and graphics agree. */
    isLight: function (colour) {
      var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || '');
      if (!m) { return false; }
      var channel = function (hex) { var c = parseInt(hex, 16) / 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
      var luminance = 0.2126 * channel(m[1]) + 0.7152 * channel(m[2]) + 0.0722 * channel(m[3]);
      return 1.05 / (luminance + 0.05) < 4.5;
    },

    /**
     * Paints a box, bar or swatch in a party's colour: its text white, or dark ink on a light colour, which also gets a dark
     * edge so it stands out from a pale panel (WCAG's 3:1 for non-text; the preflight checks both).
     */
    paint: function (node, colour) {
      var light = RL.isLight(colour);
      node.style.backgroundColor = colour;
      node.style.color = light ? '#1b2430' : '';
      node.style.outline = light ? '2px solid #1b2430' : '';
      node.style.outlineOffset = light ? '-2px' : '';
      return node;
    },

    /** A party chip: its code on its colour, in ink that can be read on it. */
    chip: function (code, colour, className) {
      var chip = RL.el('span', 'chip' + (className ? ' ' + className : ''), code);
      RL.paint(chip, RL.colour(code, colour));
      chip.setAttribute('data-party', code || '');
      return chip;
    },

    /**
     * Fits a one-line box's text: the largest font size up to its CSS size that fits its width, down to 60% of it, then
     * narrower (scaleX) rather than clipped or overflowing. Box: an element with class "fit" holding one span.
     */
    fit: function (box) {
      var span = box.firstElementChild;
      if (!span) { return; }
      var max = parseFloat(box.getAttribute('data-size'));
      if (!max) {
        max = parseFloat(global.getComputedStyle(box).fontSize);
        box.setAttribute('data-size', String(max));
      }
      box.style.fontSize = max + 'px';
      span.style.transform = '';
      var available = box.clientWidth;
      var width = span.offsetWidth;
      if (width <= available || available <= 0) { return; }
      var size = Math.max(Math.floor(max * 0.6), Math.floor(max * available / width));
      box.style.fontSize = size + 'px';
      width = span.offsetWidth;
      if (width > available) {
        span.style.transform = 'scaleX(' + (available / width).toFixed(4) + ')';
      }
    },

    fitAll: function (scope) {
      var boxes = (scope || document).querySelectorAll('.fit');
      for (var i = 0; i < boxes.length; i++) { RL.fit(boxes[i]); }
    },

    /** Registers the template: render(data, root) draws it; optional source(form) says what to fetch for SPX's fields. */
    template: function (def) {
      definition = def;
      root = document.getElementById('gfx');
      if (raw !== null) { apply(raw); }
    }
  };

  function isFieldForm(value) {
    return value && typeof value === 'object' && !Array.isArray(value)
      && (typeof value.f0 === 'string' || typeof value.f1 === 'string')
      && value.code === undefined && value.parties === undefined;
  }

  function getJson(url) {
    return global.fetch(url, { cache: 'no-store' }).then(function (response) {
      if (!response.ok) { throw new Error(url + ' answered ' + response.status); }
      return response.json();
    });
  }

  function fromFields(form) {
    var base = String(form.f1 || '').replace(/\/+$/, '');
    var source = definition && definition.source ? definition.source(form) : { path: '/api/v1/results' };
    var promise = getJson(base + source.path);
    if (source.then) {
      promise = promise.then(function (json) { return source.then(json, base, getJson); });
    }
    return promise;
  }

  function apply(value) {
    raw = value;
    if (!definition || !root) { return; }
    if (isFieldForm(value)) {
      fetching++;
      var ticket = fetching;
      fromFields(value).then(function (json) {
        if (ticket === fetching) { draw(json); }
      }, function (error) {
        if (global.console) { global.console.error('ResultsLive template: ' + error.message); }
      });
      return;
    }
    draw(value);
  }

  /** TEST or DEMO in the corner when the data says so: rehearsal figures must not pass for real, in any player. */
  function mark(value) {
    var mode = value && !Array.isArray(value) && typeof value.mode === 'string' ? value.mode : '';
    var existing = document.getElementById('rl-mode-mark');
    if (mode !== 'test' && mode !== 'demo') {
      if (existing) { existing.parentNode.removeChild(existing); }
      return;
    }
    if (!existing) {
      existing = RL.el('div', 'rl-mode-mark');
      existing.id = 'rl-mode-mark';
      root.appendChild(existing);
    }
    RL.text(existing, mode.toUpperCase());
  }

  function draw(value) {
    data = value;
    definition.render(value, root);
    mark(value);
    RL.fitAll(root);
    if (document.fonts && document.fonts.status !== 'loaded') {
      // Fit again once the embedded font is in: widths measured in a fallback font are wrong.
      document.fonts.ready.then(function () { RL.fitAll(root); });
    }
  }

  global.RL = RL;

  global.update = function (json) {
    var value = json;
    if (typeof json === 'string') {
      try {
        value = JSON.parse(json);
      } catch (e) {
        if (global.console) { global.console.error('ResultsLive template: update() was not given JSON'); }
        return;
      }
    }
    if (value === null || typeof value !== 'object') { return; }
    // Rows arrive wrapped as {"rows": [...]} from CasparCG, which passes only data that starts with { or < to a template.
    if (!Array.isArray(value) && Array.isArray(value.rows) && Object.keys(value).length === 1) { value = value.rows; }
    apply(value);
  };

  global.play = function () {
    played = true;
    if (!root) { root = document.getElementById('gfx'); }
    root.classList.remove('rl-out');
    root.classList.add('rl-in');
  };

  /** Shows the graphic as it would be after play() with no animation: an output restoring what is already on air. */
  global.rlShowNow = function () {
    if (!root) { root = document.getElementById('gfx'); }
    root.classList.add('rl-instant');
    global.play();
    void root.offsetWidth;
    global.requestAnimationFrame(function () {
      global.requestAnimationFrame(function () { root.classList.remove('rl-instant'); });
    });
  };

  global.next = function () {
    if (definition && definition.next && data !== null) {
      definition.next(data, root);
      RL.fitAll(root);
    }
  };

  global.stop = function () {
    played = false;
    if (!root) { root = document.getElementById('gfx'); }
    root.classList.remove('rl-in');
    root.classList.add('rl-out');
  };

  global.remove = function () {
    global.stop();
  };

  /** For tests and the preflight: whether play() was called and what was drawn. */
  global.rlState = function () {
    return { played: played, data: data };
  };
})(window);
