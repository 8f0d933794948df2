// bizcall staff console: live updates for the handoff queue and the chat with a user.
// Every page works without this script; text from users is inserted with textContent only.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var page = document.body.getAttribute("data-page");

  function api(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET") headers["X-CSRF-Token"] = csrf;
    return fetch(path, {
      method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error(data.error || "HTTP " + res.status);
        return data;
      });
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(seconds) {
    // The console is used in Seoul; show KST whatever the browser's zone.
    var d = new Date((seconds + 9 * 3600) * 1000);
    return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Confirm destructive forms (booking cancel).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
    });
  });

  // ---- the handoff queue: reload when a conversation arrives, is taken or leaves ----------
  if (page === "handoffs") {
    var signature = function (items) {
      return items.filter(function (h) { return h.status !== "closed"; })
        .map(function (h) { return h.id + ":" + h.status; }).sort().join(",");
    };
    var shown = Array.prototype.map.call(
      document.querySelectorAll("#handoff-queue tr[data-id]"),
      function (tr) { return tr.getAttribute("data-id") + ":" + tr.getAttribute("data-status"); }
    ).sort().join(",");
    setInterval(function () {
      api("GET", "/api/handoffs").then(function (data) {
        if (signature(data.items) !== shown) window.location.reload();
      }).catch(function () {});
    }, 2500);
  }

  // ---- one handoff: new messages and slots every 1.5 s; send without reloading ------------
  if (page === "handoff") {
    var id = document.body.getAttribute("data-handoff-id");
    var status = document.body.getAttribute("data-status");
    var last = parseInt(document.body.getAttribute("data-last-event") || "0", 10);
    var list = document.getElementById("messages");
    var slots = document.getElementById("slots");

    var addMessage = function (m) {
      var empty = list.querySelector(".empty");
      if (empty) empty.remove();
      var li = el("li", "msg " + m.sender);
      li.setAttribute("data-event-id", m.event_id);
      var who = m.sender === "user" ? "사용자" : m.sender === "agent" ? "상담원 " + (m.agent || "") : "챗봇";
      li.appendChild(el("span", "who", who));
      li.appendChild(el("span", "at", clock(m.timestamp)));
      li.appendChild(el("p", "text", m.text));
      if (m.intent) li.appendChild(el("span", "intent", m.intent));
      if (m.buttons && m.buttons.length) li.appendChild(el("span", "buttons", "[" + m.buttons.join("] [") + "]"));
      list.appendChild(li);
      li.scrollIntoView({ block: "end" });
    };

    var drawSlots = function (values) {
      while (slots.firstChild) slots.removeChild(slots.firstChild);
      var names = Object.keys(values);
      if (!names.length) slots.appendChild(el("dd", "empty", "없음"));
      names.forEach(function (name) {
        slots.appendChild(el("dt", "", name));
        slots.appendChild(el("dd", "", typeof values[name] === "string" ? values[name] : JSON.stringify(values[name])));
      });
    };

    var poll = function () {
      return api("GET", "/api/handoffs/" + id + "?after=" + last).then(function (data) {
        data.messages.forEach(function (m) { if (m.event_id > last) addMessage(m); });
        last = Math.max(last, data.last_event_id || 0);
        drawSlots(data.slots || {});
        if (data.status !== status) window.location.reload();
      }).catch(function () {});
    };
    setInterval(poll, 1500);

    var form = document.getElementById("send");
    if (form) {
      var text = document.getElementById("agent-text");
      var error = document.getElementById("send-error");
      var composing = false;
      text.addEventListener("compositionstart", function () { composing = true; });
      text.addEventListener("compositionend", function () { composing = false; });
      text.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && !e.shiftKey && !(composing || e.isComposing)) {
          e.preventDefault();
          form.requestSubmit();
        }
      });
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var message = text.value.trim();
        if (!message) return;
        error.hidden = true;
        api("POST", "/api/handoffs/" + id + "/message", { text: message }).then(function () {
          text.value = "";
          return poll();
        }).catch(function (err) {
          error.textContent = err.message;
          error.hidden = false;
        });
      });
    }
  }
})();
