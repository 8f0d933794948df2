// Minimal demo chat over Rasa's REST channel. All text is inserted with textContent (never HTML).
(function () {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("input");
  const senderKey = "bizcall-sender";
  let sender = localStorage.getItem(senderKey);
  if (!sender) {
    sender = "web-" + Math.random().toString(36).slice(2, 12);
    localStorage.setItem(senderKey, sender);
  }
  let rasaUrl = "";
  let composing = false;
  input.addEventListener("compositionstart", () => { composing = true; });
  input.addEventListener("compositionend", () => { composing = false; });
  input.addEventListener("keydown", (e) => {
    // Enter while a Korean syllable is still being composed must not send half a word.
    if (e.key === "Enter" && (composing || e.isComposing)) e.preventDefault();
  });

  function add(kind, text) {
    const li = document.createElement("li");
    li.className = "msg " + kind;
    li.textContent = text;
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
    return li;
  }

  function addButtons(buttons) {
    const li = document.createElement("li");
    li.className = "buttons";
    for (const b of buttons) {
      const btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b.title;
      btn.addEventListener("click", () => send(b.payload, b.title));
      li.appendChild(btn);
    }
    log.appendChild(li);
  }

  async function send(message, shown) {
    add("user", shown || message);
    try {
      const res = await fetch(rasaUrl + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: sender, message: message }),
      });
      if (!res.ok) throw new Error("HTTP " + res.status);
      const replies = await res.json();
      if (!replies.length) add("bot", "답변을 준비하지 못했습니다. 다른 표현으로 다시 말씀해 주세요.");
      for (const r of replies) {
        if (r.text) add("bot", r.text);
        if (r.buttons && r.buttons.length) addButtons(r.buttons);
      }
    } catch (err) {
      add("error", "서버에 연결하지 못했습니다. 잠시 후 다시 시도해 주세요.");
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  fetch("config.json").then((r) => r.json()).then((cfg) => {
    rasaUrl = cfg.rasaUrl;
    add("bot", "안녕하세요, bizcall입니다. 서울산업진흥원 지원사업이나 전문가 상담에 대해 물어봐 주세요.");
  });
})();
