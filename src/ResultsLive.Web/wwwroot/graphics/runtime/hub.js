/* A small SignalR client for output pages: the JSON hub protocol over a WebSocket, without negotiation, in JavaScript the
   Chromium that CasparCG 2.3 embeds (73) runs. It invokes hub methods, dispatches the hub's calls, answers and sends pings,
   and closes a connection the server has not been heard on for 30 s, so the caller's reconnect loop can start again. */
(function (global) {
  'use strict';

  var SEPARATOR = '\u001e';
  var PING_INTERVAL = 15000;
  var SERVER_TIMEOUT = 30000;

  function HubConnection(url) {
    this.url = url;
    this.handlers = {};
    this.pending = {};
    this.nextId = 1;
    this.socket = null;
    this.lastHeard = 0;
    this.timer = null;
    this.onclose = null;
  }

  HubConnection.prototype.on = function (method, handler) {
    this.handlers[method.toLowerCase()] = handler;
  };

  HubConnection.prototype.start = function () {
    var self = this;
    return new Promise(function (resolve, reject) {
      var socket;
      try {
        socket = new global.WebSocket(self.url);
      } catch (e) {
        reject(e);
        return;
      }
      self.socket = socket;
      var handshaken = false;
      var buffer = '';
      socket.onopen = function () {
        socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + SEPARATOR);
      };
      socket.onmessage = function (event) {
        self.lastHeard = Date.now();
        buffer += event.data;
        var frames = buffer.split(SEPARATOR);
        buffer = frames.pop();
        for (var i = 0; i < frames.length; i++) {
          var message = JSON.parse(frames[i]);
          if (!handshaken) {
            handshaken = true;
            if (message.error) {
              reject(new Error(message.error));
              socket.close();
              return;
            }
            self.keepAlive();
            resolve();
            continue;
          }
          self.dispatch(message);
        }
      };
      socket.onerror = function () { /* onclose follows */ };
      socket.onclose = function () {
        global.clearInterval(self.timer);
        self.timer = null;
        var pending = self.pending;
        self.pending = {};
        for (var id in pending) {
          if (pending.hasOwnProperty(id)) { pending[id].reject(new Error('connection closed')); }
        }
        if (!handshaken) {
          reject(new Error('could not connect'));
        } else if (self.onclose) {
          self.onclose();
        }
      };
    });
  };

  HubConnection.prototype.keepAlive = function () {
    var self = this;
    self.timer = global.setInterval(function () {
      if (Date.now() - self.lastHeard > SERVER_TIMEOUT) {
        self.socket.close();
        return;
      }
      self.send({ type: 6 });
    }, PING_INTERVAL);
  };

  HubConnection.prototype.send = function (message) {
    if (this.socket && this.socket.readyState === 1) {
      this.socket.send(JSON.stringify(message) + SEPARATOR);
    }
  };

  HubConnection.prototype.dispatch = function (message) {
    if (message.type === 1) {
      var handler = this.handlers[String(message.target).toLowerCase()];
      if (handler) {
        try {
          handler.apply(null, message.arguments || []);
        } catch (e) {
          if (global.console) { global.console.error(e); }
        }
      }
    } else if (message.type === 3) {
      var call = this.pending[message.invocationId];
      if (call) {
        delete this.pending[message.invocationId];
        if (message.error) { call.reject(new Error(message.error)); } else { call.resolve(message.result); }
      }
    } else if (message.type === 7) {
      this.socket.close();
    }
  };

  /** Calls a hub method; resolves with its result. */
  HubConnection.prototype.invoke = function (method) {
    var args = Array.prototype.slice.call(arguments, 1);
    var id = String(this.nextId++);
    var self = this;
    return new Promise(function (resolve, reject) {
      self.pending[id] = { resolve: resolve, reject: reject };
      self.send({ type: 1, invocationId: id, target: method, arguments: args });
    });
  };

  HubConnection.prototype.stop = function () {
    if (this.socket) { this.socket.close(); }
  };

  /** ws(s):// for a path on this page's server. */
  function socketUrl(path) {
    var a = document.createElement('a');
    a.href = path;
    return (a.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + a.host + a.pathname + a.search;
  }

  global.RLHub = { HubConnection: HubConnection, socketUrl: socketUrl };
})(window);
