/*!
 * bizcall chat widget (서울비즈콜 상담 도우미).
 *
 * Embed with one tag; everything else (its CSS, the socket.io client, the Rasa address)
 * is fetched from the server that served this file:
 *
 *   <script src="https://bizcall.example/widget/bizcall-widget.js" async></script>
 *
 * Optional data-* attributes on that tag: data-rasa-url, data-config-url, data-title,
 * data-subtitle, data-open="true". See docs/widget.md.
 *
 * Rules this file keeps: no framework and no build step; every piece of text from the
 * server or the user is set with textContent (never innerHTML), so "<script>" is shown as
 * text; Enter during Korean IME composition never sends; the conversation (session id and
 * a capped history) survives a reload.
 */
(function () {
  "use strict";

  if (window.BizcallWidget) return; // the snippet pasted twice: one widget is enough

  var script = document.currentScript;
  var scriptUrl = (script && script.src) || document.baseURI;
  var options = (script && script.dataset) || {};

  var TEXT = {
    title: options.title || "서울비즈콜 상담 도우미",
    subtitle: options.subtitle || "지원사업 안내 · 전문가 상담 예약",
    open: "상담 채팅 열기",
    launcher: "상담하기",
    close: "채팅 창 닫기",
    reset: "새 대화",
    resetLabel: "대화를 지우고 새로 시작하기",
    input: "메시지",
    placeholder: "궁금한 점을 입력해 주세요",
    send: "보내기",
    greeting:
      "안녕하세요, 서울비즈콜 상담 도우미입니다.\n" +
      "서울산업진흥원 지원사업이나 노무·세무·법률 같은 경영 고민을 편하게 물어봐 주세요.",
    typing: "답변을 준비하고 있습니다",
    connecting: "상담 서버에 연결하고 있습니다…",
    reconnecting: "연결이 끊어졌습니다. 다시 연결하고 있습니다…",
    unreachable: "상담 서버에 연결하지 못했습니다. 잠시 후 다시 시도해 주세요.",
    slow: "답변이 늦어지고 있습니다. 잠시만 기다려 주세요.",
    you: "보낸 메시지",
    bot: "상담 도우미",
  };
  var CHANNELS = { chat: "채팅", phone: "전화", video: "화상", visit: "방문" };
  // Card labels in the card's language: the bot answers in Korean or English per message.
  var CARD_TEXT = {
    ko: {
      program: "지원사업", target: "지원 대상", schedule: "일정", contact: "문의",
      booking: "상담 예약", code: "예약번호", field: "분야", channel: "방식", when: "일시",
      expert: "전문가", status: "상태", heading: "상담 예약 안내",
      recommended: "추천", reasons: "맞는 이유", check: "확인할 점", apply: "신청 방법",
      headings: {
        "예약됨": "상담 예약이 확정되었습니다",
        "변경됨": "상담 예약이 변경되었습니다",
        "취소됨": "상담 예약이 취소되었습니다",
        "완료": "상담이 완료되었습니다",
      },
    },
    en: {
      program: "SBA program", target: "Who can apply", schedule: "Schedule", contact: "Contact",
      booking: "Consultation", code: "Booking code", field: "Field", channel: "Channel",
      when: "Time", expert: "Expert", status: "Status", heading: "Your consultation",
      recommended: "Suggestion", reasons: "Why it fits", check: "To check", apply: "How to apply",
      headings: {
        booked: "Your consultation is booked",
        rescheduled: "Your consultation was rescheduled",
        cancelled: "Your consultation was cancelled",
        completed: "Your consultation is completed",
      },
    },
  };
  var HISTORY_LIMIT = 120; // entries kept across reloads
  var REPLY_TIMEOUT_MS = 20000;
  var PREFIX = "bizcall:";

  // ---- storage (may be unavailable: private mode, blocked cookies) ----------------------

  function storageGet(area, key) {
    try {
      var raw = window[area].getItem(PREFIX + key);
      return raw === null ? null : JSON.parse(raw);
    } catch (e) {
      return null;
    }
  }
  function storageSet(area, key, value) {
    try {
      window[area].setItem(PREFIX + key, JSON.stringify(value));
    } catch (e) {
      /* full or disabled: the conversation still works, it just won't survive a reload */
    }
  }
  function storageRemove(area, key) {
    try {
      window[area].removeItem(PREFIX + key);
    } catch (e) {
      /* nothing to do */
    }
  }

  function newSessionId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  // What the user typed is kept on this device for the reload; phone numbers,
  // 사업자등록번호 and emails are masked there, as the bot masks them in its own replies.
  function maskForStorage(text) {
    return text
      .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, "$1***$2")
      .replace(/(^|[^\d])(\d{3})[\s.-](\d{2})[\s.-]\d{5}(?!\d)/g, "$1$2-$3-*****")
      .replace(/(^|[^\d])(01[016789])[\s.-]?\d{3,4}[\s.-]?(\d{4})(?!\d)/g, "$1$2-****-$3");
  }

  // ---- DOM helpers: text only ever through textContent ----------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isText(value) {
    return typeof value === "string" && value.trim() !== "";
  }

  // ---- state ----------------------------------------------------------------------------

  var sessionId = storageGet("localStorage", "session") || newSessionId();
  storageSet("localStorage", "session", sessionId);
  var history = storageGet("localStorage", "history:" + sessionId) || [];
  var socket = null;
  var connecting = false;
  var ready = false; // session confirmed: messages can go out
  var outbox = []; // typed before the session was confirmed
  var replyTimer = null;
  var composing = false;

  // ---- build the widget -----------------------------------------------------------------

  var root = el("div", "bzc-root");
  root.setAttribute("data-state", "closed");
  root.setAttribute("data-connection", "idle"); // idle | connecting | online | offline

  var launcher = el("button", "bzc-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-label", TEXT.open);
  launcher.setAttribute("aria-expanded", "false");
  launcher.appendChild(el("span", "bzc-launcher__icon"));
  launcher.appendChild(el("span", "bzc-launcher__label", TEXT.launcher));

  var panel = el("section", "bzc-panel");
  panel.id = "bizcall-chat-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", TEXT.title);
  launcher.setAttribute("aria-controls", panel.id);

  var header = el("header", "bzc-header");
  var heading = el("div", "bzc-header__text");
  heading.appendChild(el("h2", "bzc-title", TEXT.title));
  heading.appendChild(el("p", "bzc-subtitle", TEXT.subtitle));
  var resetButton = el("button", "bzc-header__button bzc-reset", TEXT.reset);
  resetButton.type = "button";
  resetButton.title = TEXT.resetLabel;
  var closeButton = el("button", "bzc-header__button bzc-close", "×");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", TEXT.close);
  header.appendChild(heading);
  header.appendChild(resetButton);
  header.appendChild(closeButton);

  var status = el("p", "bzc-status");
  status.setAttribute("role", "status");
  status.hidden = true;

  var log = el("ol", "bzc-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");

  var typing = el("li", "bzc-typing");
  typing.hidden = true;
  typing.setAttribute("aria-label", TEXT.typing);
  for (var i = 0; i < 3; i += 1) typing.appendChild(el("span", "bzc-typing__dot"));
  typing.appendChild(el("span", "bzc-sr-only", TEXT.typing));

  var form = el("form", "bzc-composer");
  form.setAttribute("autocomplete", "off");
  var label = el("label", "bzc-sr-only", TEXT.input);
  label.htmlFor = "bizcall-chat-input";
  var input = el("textarea", "bzc-input");
  input.id = "bizcall-chat-input";
  input.rows = 1;
  input.maxLength = 1000;
  input.placeholder = TEXT.placeholder;
  input.setAttribute("enterkeyhint", "send");
  var sendButton = el("button", "bzc-send", TEXT.send);
  sendButton.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendButton);

  panel.appendChild(header);
  panel.appendChild(status);
  panel.appendChild(log);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  // ---- rendering ------------------------------------------------------------------------

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function renderBubble(kind, text) {
    var item = el("li", "bzc-msg bzc-msg--" + kind);
    item.appendChild(el("span", "bzc-sr-only", kind === "user" ? TEXT.you : TEXT.bot));
    item.appendChild(el("span", "bzc-msg__text", text)); // white-space: pre-wrap keeps line breaks
    return item;
  }

  function renderReplies(buttons) {
    var item = el("li", "bzc-replies");
    buttons.forEach(function (b) {
      var button = el("button", "bzc-reply", b.title);
      button.type = "button";
      button.addEventListener("click", function () {
        send(b.payload, b.title);
      });
      item.appendChild(button);
    });
    return item;
  }

  function addRow(list, term, value) {
    if (!isText(value)) return;
    list.appendChild(el("dt", "bzc-card__term", term));
    list.appendChild(el("dd", "bzc-card__value", value));
  }

  // Cards carry no language field; their texts tell: any Hangul means Korean labels,
  // Latin letters only mean English ones.
  function cardText(values) {
    var joined = values.filter(isText).join(" ");
    var english = !/[\uac00-\ud7a3]/.test(joined) && /[A-Za-z]/.test(joined);
    return CARD_TEXT[english ? "en" : "ko"];
  }

  // The frame every program-like card shares: the program id, a kicker line, the name and
  // a list of terms (class rowsClass) that fillRows fills.
  function programCardShell(kind, card, kicker, rowsClass, fillRows) {
    var article = el("article", "bzc-card bzc-card--" + kind);
    if (isText(card.id)) article.setAttribute("data-program-id", card.id);
    article.appendChild(el("p", "bzc-card__kicker", kicker));
    article.appendChild(el("h3", "bzc-card__title", card.name || ""));
    var rows = el("dl", rowsClass);
    fillRows(rows);
    article.appendChild(rows);
    return article;
  }

  function renderProgramCard(card) {
    var t = cardText([card.target, card.schedule, card.contact]);
    return programCardShell("program", card, t.program, "bzc-card__rows", function (rows) {
      addRow(rows, t.target, card.target);
      addRow(rows, t.schedule, card.schedule);
      addRow(rows, t.contact, card.contact);
    });
  }

  function addList(list, term, items) {
    var texts = (Array.isArray(items) ? items : []).filter(isText);
    if (!texts.length) return;
    list.appendChild(el("dt", "bzc-card__term", term));
    var value = el("dd", "bzc-card__value");
    var ul = el("ul", "bzc-card__list");
    texts.forEach(function (text) {
      ul.appendChild(el("li", "", text));
    });
    value.appendChild(ul);
    list.appendChild(value);
  }

  // A program chosen for the user's company: why it fits, what to check, how to apply.
  function renderRecommendationCard(card) {
    var t = cardText([card.status_label, card.apply]);
    var kicker = t.recommended + (typeof card.position === "number" ? " " + card.position : "");
    if (isText(card.status_label)) kicker += " · " + card.status_label;
    var stacked = "bzc-card__rows bzc-card__rows--stacked";
    var article = programCardShell("recommendation", card, kicker, stacked, function (rows) {
      addList(rows, t.reasons, card.reasons);
      addList(rows, t.check, card.to_check);
      addRow(rows, t.apply, card.apply);
    });
    if (isText(card.status)) article.setAttribute("data-status", card.status);
    return article;
  }

  // "2026-12-03T14:00:00+09:00" → parts, read as written (Seoul wall-clock time), so the
  // card shows the booked time whatever time zone the visitor's device is in.
  function parseIso(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || "");
    if (!m) return null;
    return { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mm: m[5] };
  }

  // The bot's own way of writing times (bot/booking/format.py), with the year:
  // "2026년 12월 3일(목) 오후 2:00~2:50".
  function clock(t) {
    return (t.h < 12 ? "오전 " : "오후 ") + (t.h % 12 || 12) + ":" + t.mm;
  }

  function formatSpan(start, end) {
    var a = parseIso(start);
    var b = parseIso(end);
    if (!a) return "";
    var weekday = "일월화수목금토".charAt(new Date(Date.UTC(a.y, a.mo - 1, a.d)).getUTCDay());
    var text = a.y + "년 " + a.mo + "월 " + a.d + "일(" + weekday + ") " + clock(a);
    if (!b) return text;
    var until = clock(b);
    if (a.h < 12 === b.h < 12) until = until.slice(3); // "오후 2:00~2:50"
    return text + "~" + until;
  }

  function renderBookingCard(card) {
    var t = cardText([card.field_name, card.channel_name, card.status]);
    var article = el("article", "bzc-card bzc-card--booking");
    if (isText(card.status)) article.setAttribute("data-status", card.status);
    article.appendChild(el("p", "bzc-card__kicker", t.booking));
    article.appendChild(el("h3", "bzc-card__title", t.headings[card.status] || t.heading));
    var code = el("p", "bzc-card__code");
    code.appendChild(el("span", "bzc-card__code-label", t.code));
    code.appendChild(el("strong", "bzc-card__code-value", card.code || ""));
    article.appendChild(code);
    var rows = el("dl", "bzc-card__rows");
    addRow(rows, t.field, card.field_name || card.field);
    addRow(rows, t.channel, card.channel_name || CHANNELS[card.channel] || card.channel);
    addRow(rows, t.when, card.when || formatSpan(card.start, card.end));
    addRow(rows, t.expert, card.expert_name);
    addRow(rows, t.status, card.status);
    article.appendChild(rows);
    return article;
  }

  var CARDS = {
    program: renderProgramCard,
    booking: renderBookingCard,
    recommendation: renderRecommendationCard,
  };

  function renderEntry(entry) {
    if (entry.k === "user" || entry.k === "bot") {
      log.appendChild(renderBubble(entry.k, entry.text));
    }
    if (entry.buttons && entry.buttons.length) log.appendChild(renderReplies(entry.buttons));
    if (entry.k === "card" && entry.card && CARDS.hasOwnProperty(entry.card.type)) {
      var item = el("li", "bzc-card-item");
      item.appendChild(CARDS[entry.card.type](entry.card));
      log.appendChild(item);
    }
  }

  function renderAll() {
    log.textContent = "";
    log.appendChild(renderBubble("bot", TEXT.greeting));
    history.forEach(renderEntry);
    scrollToEnd();
  }

  function saveHistory() {
    if (history.length > HISTORY_LIMIT) history = history.slice(-HISTORY_LIMIT);
    storageSet("localStorage", "history:" + sessionId, history);
  }

  function add(entry) {
    renderEntry(entry);
    var kept = entry.k === "user" ? { k: "user", text: maskForStorage(entry.text) } : entry;
    history.push(kept);
    saveHistory();
    if (typing.hidden === false) log.appendChild(typing); // the indicator stays last
    scrollToEnd();
  }

  // Quick replies answer the latest question only: once the user says anything they go.
  function dropReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".bzc-replies"), function (node) {
      node.remove();
    });
    history.forEach(function (entry) {
      delete entry.buttons;
    });
  }

  function setStatus(text) {
    status.textContent = text || "";
    status.hidden = !text;
  }

  function showTyping() {
    typing.hidden = false;
    log.appendChild(typing);
    scrollToEnd();
    clearTimeout(replyTimer);
    replyTimer = setTimeout(function () {
      setStatus(TEXT.slow);
    }, REPLY_TIMEOUT_MS);
  }

  function hideTyping() {
    typing.hidden = true;
    clearTimeout(replyTimer);
    if (status.textContent === TEXT.slow) setStatus("");
  }

  // ---- messages from Rasa ---------------------------------------------------------------

  function buttonsOf(message) {
    var raw = message.quick_replies || message.buttons || [];
    if (!Array.isArray(raw)) return [];
    return raw
      .filter(function (b) {
        return b && isText(b.title) && isText(b.payload);
      })
      .map(function (b) {
        return { title: b.title, payload: b.payload };
      });
  }

  function onBotMessage(message) {
    if (!message || typeof message !== "object") return;
    hideTyping();
    var buttons = buttonsOf(message);
    if (isText(message.text)) {
      add({ k: "bot", text: message.text, buttons: buttons });
    } else if (buttons.length) {
      add({ k: "replies", buttons: buttons });
    }
    var card = message.custom;
    if (card && typeof card === "object" && CARDS.hasOwnProperty(card.type)) {
      add({ k: "card", card: card });
    }
  }

  // ---- connection -----------------------------------------------------------------------

  function loadConfig() {
    if (options.rasaUrl) return Promise.resolve({ rasaUrl: options.rasaUrl });
    var url = new URL(options.configUrl || "../config.json", scriptUrl);
    return fetch(url.href, { credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error("config " + response.status);
      return response.json();
    });
  }

  // The socket.io client ships next to this file (bot/web/static/vendor); it is loaded
  // only when the chat opens, and a page's own `window.io` is left as it was.
  function loadSocketIo() {
    return new Promise(function (resolve, reject) {
      var previous = window.io;
      var tag = document.createElement("script");
      tag.src = new URL(
        options.socketioSrc || "../vendor/socket.io-client/socket.io.min.js",
        scriptUrl
      ).href;
      tag.async = true;
      tag.onload = function () {
        var io = window.io;
        if (previous === undefined) delete window.io;
        else window.io = previous;
        if (typeof io === "function") resolve(io);
        else reject(new Error("socket.io client did not load"));
      };
      tag.onerror = function () {
        reject(new Error("socket.io client did not load"));
      };
      document.head.appendChild(tag);
    });
  }

  function flush() {
    while (ready && outbox.length) {
      socket.emit("user_uttered", { message: outbox.shift(), session_id: sessionId });
    }
  }

  function setConnection(state, message) {
    root.setAttribute("data-connection", state);
    setStatus(message);
  }

  function connect() {
    if (socket || connecting) return;
    connecting = true;
    setConnection("connecting", TEXT.connecting);
    Promise.all([loadConfig(), loadSocketIo()])
      .then(function (loaded) {
        var config = loaded[0];
        var io = loaded[1];
        socket = io(config.rasaUrl, {
          path: config.socketPath || "/socket.io",
          // In the URL too: with several Rasa replicas, nginx keeps every request of a
          // conversation (handshake, polling, websocket) on one of them by this id.
          query: { session_id: sessionId },
          transports: ["websocket", "polling"],
          tryAllTransports: true,
          reconnectionDelayMax: 10000,
        });
        connecting = false;
        socket.on("connect", function () {
          // Rasa joins this connection to the session's room; replies to the same
          // session_id reach us again after a reload or a reconnect.
          socket.emit("session_request", { session_id: sessionId });
        });
        socket.on("session_confirm", function () {
          ready = true;
          setConnection("online", "");
          flush();
        });
        socket.on("disconnect", function () {
          ready = false;
          setConnection("offline", TEXT.reconnecting);
        });
        socket.on("connect_error", function () {
          setConnection("offline", TEXT.reconnecting);
        });
        socket.on("bot_uttered", onBotMessage);
      })
      .catch(function () {
        connecting = false;
        hideTyping();
        setConnection("offline", TEXT.unreachable);
      });
  }

  function send(message, shown) {
    var text = (message || "").trim();
    if (!text) return;
    dropReplies();
    add({ k: "user", text: shown || text });
    outbox.push(text);
    showTyping();
    if (ready) flush();
    else connect();
  }

  function reset() {
    if (socket) {
      socket.disconnect();
      socket = null;
    }
    ready = false;
    outbox = [];
    hideTyping();
    setConnection("idle", "");
    storageRemove("localStorage", "history:" + sessionId);
    sessionId = newSessionId();
    storageSet("localStorage", "session", sessionId);
    history = [];
    renderAll();
    connect();
    input.focus();
  }

  // ---- input ----------------------------------------------------------------------------

  input.addEventListener("compositionstart", function () {
    composing = true;
  });
  input.addEventListener("compositionend", function () {
    composing = false;
  });
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.shiftKey) return;
    // Enter while a Korean syllable is still being composed belongs to the IME: it
    // commits the syllable. Sending now would send "안녕하세" without the "요".
    // (keyCode 229 covers browsers that end composition before this keydown.)
    if (event.isComposing || composing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  });
  input.addEventListener("input", function () {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 120) + "px";
  });

  function submit() {
    var text = input.value;
    if (!text.trim()) return;
    input.value = "";
    input.style.height = "auto";
    send(text);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit();
  });

  // ---- open and close -------------------------------------------------------------------

  function open() {
    panel.hidden = false;
    root.setAttribute("data-state", "open");
    launcher.setAttribute("aria-expanded", "true");
    storageSet("sessionStorage", "open", true);
    scrollToEnd();
    connect();
    input.focus();
  }

  function close() {
    panel.hidden = true;
    root.setAttribute("data-state", "closed");
    launcher.setAttribute("aria-expanded", "false");
    storageSet("sessionStorage", "open", false);
    launcher.focus();
  }

  launcher.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  resetButton.addEventListener("click", reset);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
  // Any element of the page with data-bizcall-open opens the chat (no inline script needed).
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-bizcall-open]")) {
      event.preventDefault();
      open();
    }
  });

  function mount() {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("bizcall-widget.css", scriptUrl).href;
    root.hidden = true; // shown once styled, so the page never flashes a bare form
    css.onload = css.onerror = function () {
      root.hidden = false;
    };
    document.head.appendChild(css);
    document.body.appendChild(root);
    renderAll();
    if (options.open === "true" || storageGet("sessionStorage", "open") === true) open();
  }

  window.BizcallWidget = { open: open, close: close, reset: reset };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
