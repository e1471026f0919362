/* An output page: joins its channel on the graphics hub with the channel's output key, and keeps four layers (full frame,
   lower third, ticker, bug; bottom to top) showing what is on air (program) or what a Take would put on air (preview).
   Each graphic is its template page in a frame, driven exactly as CasparCG drives one: update(json), then play(), next(),
   stop(). A cued graphic is loaded beforehand, so a Take only calls play(). The page reconnects for ever and, after a
   reload or a reconnect, rebuilds what is on air from the server without animating it again or going blank.
   Nothing of the site is here: no Blazor, no banners, nothing but the graphics can ever appear. */
(function (global) {
  'use strict';

  var LAYERS = ['fullFrame', 'lowerThird', 'ticker', 'bug'];
  var OUT_MS = 1500;
  var RETRY_MS = [250, 500, 1000, 2000, 5000];

  var body = document.body;
  var channel = body.getAttribute('data-channel');
  var role = body.getAttribute('data-role');
  var joinAs = body.getAttribute('data-join') || role;
  var hubPath = body.getAttribute('data-hub');
  var templates = body.getAttribute('data-templates');
  var key = '';
  var match = /[?&]key=([^&#]*)/.exec(global.location.search);
  if (match) { key = decodeURIComponent(match[1].replace(/\+/g, ' ')); }

  var stage = document.getElementById('stage');
  var layers = {};
  var joined = false;
  var state = { connected: false, joins: 0, refused: false, layers: layers };
  global.rlOutput = state;

  LAYERS.forEach(function (name, i) {
    var el = document.createElement('div');
    el.className = 'rl-layer';
    el.setAttribute('data-layer', name);
    el.style.zIndex = String(i + 1);
    stage.appendChild(el);
    layers[name] = { name: name, el: el, version: 0, cued: null, onAir: null, page: 0, shown: null, standby: null };
  });

  function call(slot, fn, arg) {
    if (!slot.ready) {
      slot.queue.push([fn, arg]);
      return;
    }
    try {
      var target = slot.frame.contentWindow;
      if (target && typeof target[fn] === 'function') {
        if (arg === undefined) { target[fn](); } else { target[fn](arg); }
      }
    } catch (e) {
      if (global.console) { global.console.error(e); }
    }
  }

  function load(layer, item) {
    var frame = document.createElement('iframe');
    frame.className = 'rl-frame';
    frame.setAttribute('scrolling', 'no');
    frame.setAttribute('tabindex', '-1');
    frame.setAttribute('data-template', item.template);
    frame.setAttribute('data-item', item.id);
    var slot = { id: item.id, template: item.template, data: item.data, frame: frame, ready: false, queue: [], page: 0, played: false };
    frame.onload = function () {
      slot.ready = true;
      var queued = slot.queue;
      slot.queue = [];
      queued.forEach(function (q) { call(slot, q[0], q[1]); });
    };
    frame.src = templates + encodeURIComponent(item.template) + '.html';
    call(slot, 'update', item.data);
    layer.el.appendChild(frame);
    return slot;
  }

  function discard(slot, cut) {
    if (cut || !slot.played) {
      if (slot.frame.parentNode) { slot.frame.parentNode.removeChild(slot.frame); }
      return;
    }
    call(slot, 'stop');
    global.setTimeout(function () {
      if (slot.frame.parentNode) { slot.frame.parentNode.removeChild(slot.frame); }
    }, OUT_MS);
  }

  /** What this output should show on a layer: on air (program), or what a Take would leave on air (preview). */
  function wanted(layer) {
    if (role !== 'preview') { return layer.onAir; }
    if (layer.cued) { return layer.cued; }
    if (layer.name === 'lowerThird' && layers.fullFrame.cued) { return null; }
    return layer.onAir;
  }

  function reconcile(layer, instant, cut) {
    var want = wanted(layer);
    var shown = layer.shown;
    var page = role === 'preview' && want === layer.cued ? 0 : layer.page;
    if (want && shown && shown.id === want.id) {
      if (shown.data !== want.data) {
        call(shown, 'update', want.data);
        shown.data = want.data;
      }
      while (shown.page < page) {
        call(shown, 'next');
        shown.page++;
      }
    } else {
      if (shown) {
        discard(shown, cut);
        layer.shown = null;
      }
      if (want) {
        var slot = layer.standby && layer.standby.id === want.id ? layer.standby : null;
        if (slot) {
          layer.standby = null;
          if (slot.data !== want.data) {
            call(slot, 'update', want.data);
            slot.data = want.data;
          }
        } else {
          slot = load(layer, want);
        }
        layer.shown = slot;
        slot.played = true;
        // Says how it came on (a take animates it in; a page rebuilding what is already on air shows it as it was).
        slot.frame.setAttribute('data-shown', instant ? 'instant' : 'animated');
        call(slot, instant ? 'rlShowNow' : 'play');
        while (slot.page < page) {
          call(slot, 'next');
          slot.page++;
        }
      }
    }
    preload(layer);
  }

  /** A program output loads the cued graphic beforehand (invisible until play()), so a Take shows it at once. */
  function preload(layer) {
    var cue = role === 'preview' ? null : layer.cued;
    if (!cue) {
      if (layer.standby) {
        discard(layer.standby, true);
        layer.standby = null;
      }
      return;
    }
    if (layer.standby && layer.standby.id === cue.id) {
      if (layer.standby.data !== cue.data) {
        call(layer.standby, 'update', cue.data);
        layer.standby.data = cue.data;
      }
      return;
    }
    if (layer.standby) { discard(layer.standby, true); }
    layer.standby = load(layer, cue);
  }

  function take(message, panic) {
    var layer = layers[message.layer];
    if (!layer) { return false; }
    if (!panic) {
      if (message.version <= layer.version) { return false; }
      layer.version = message.version;
    }
    layer.cued = message.cued;
    layer.onAir = message.onAir;
    layer.page = message.page;
    return true;
  }

  function changed(message) {
    if (!message || message.channel.toLowerCase() !== channel.toLowerCase()) { return; }
    var any = false;
    (message.layers || []).forEach(function (layer) {
      // A panic Out or Clear (sent while Redis is away) only ever takes graphics off.
      if (message.panic && layer.onAir) { return; }
      any = take(layer, message.panic) || any;
    });
    if (any) {
      // Every layer: in preview a full frame cue also hides the lower third.
      LAYERS.forEach(function (name) { reconcile(layers[name], false, message.cut); });
    }
  }

  function liveData(message) {
    var layer = layers[message.layer];
    if (!layer || !layer.onAir || layer.onAir.id !== message.itemId || message.sequence <= layer.onAir.sequence) { return; }
    layer.onAir = { id: layer.onAir.id, template: layer.onAir.template, constituency: layer.onAir.constituency,
      sequence: message.sequence, data: message.data, at: layer.onAir.at, by: layer.onAir.by };
    reconcile(layer, false, false);
  }

  function joinedWith(snapshot) {
    var first = !joined;
    joined = true;
    state.joins++;
    (snapshot.layers || []).forEach(function (message) {
      var layer = layers[message.layer];
      if (!layer) { return; }
      // What the server has is what is on air, whatever this page saw before it lost the connection.
      layer.version = message.version;
      layer.cued = message.cued;
      layer.onAir = message.onAir;
      layer.page = message.page;
    });
    LAYERS.forEach(function (name) { reconcile(layers[name], first, false); });
  }

  var attempt = 0;

  function connect() {
    var hub = new global.RLHub.HubConnection(global.RLHub.socketUrl(hubPath));
    hub.on('Changed', changed);
    hub.on('LiveData', liveData);
    hub.onclose = function () {
      state.connected = false;
      retry();
    };
    hub.start().then(function () {
      return hub.invoke('Join', channel, key, joinAs);
    }).then(function (snapshot) {
      attempt = 0;
      state.connected = true;
      state.refused = false;
      joinedWith(snapshot);
    }, function (error) {
      state.refused = /key/i.test(String(error && error.message));
      hub.onclose = null;
      hub.stop();
      retry();
    });
  }

  function retry() {
    var wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
    attempt++;
    global.setTimeout(connect, wait);
  }

  connect();
})(window);
