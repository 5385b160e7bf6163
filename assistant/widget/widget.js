/* IKZ-Assistent – einbettbares Chat-Widget.
 * Einbindung: <script src="https://HOST/widget.js" data-title="…" data-bundesland="Hessen" data-color="#1f5f8b" defer></script>
 * Shadow DOM isoliert die Styles; Antworten werden nur als Text eingefügt (kein innerHTML mit Nutzdaten).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__ikzWidgetLoaded) return;
  window.__ikzWidgetLoaded = true;

  var api = new URL(script.src, document.baseURI).origin;
  var title = script.getAttribute("data-title") || "IKZ-Assistent";
  var color = script.getAttribute("data-color") || "#1f5f8b";
  var state = script.getAttribute("data-bundesland") || "";
  if (!/^#[0-9a-fA-F]{3,8}$/.test(color)) color = "#1f5f8b";

  var host = document.createElement("div");
  host.setAttribute("data-ikz-widget", "");
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" +
    ":host{all:initial}" +
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;" +
    "background:var(--ikz);color:#fff;font-size:16px;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
    "button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}" +
    ".panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:min(400px,calc(100vw - 24px));" +
    "height:min(560px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;color:#1b1b1b;" +
    "border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}" +
    ".panel[hidden]{display:none}" +
    "header{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:var(--ikz);color:#fff}" +
    "header h2{margin:0;font-size:17px}" +
    ".close{background:transparent;border:0;color:#fff;font-size:22px;cursor:pointer;line-height:1;padding:4px 8px}" +
    ".log{flex:1;overflow:auto;padding:12px;font-size:15px;line-height:1.45}" +
    ".msg{margin:0 0 12px}.msg.user{text-align:right}" +
    ".bubble{display:inline-block;padding:8px 11px;border-radius:10px;max-width:92%;text-align:left;white-space:pre-wrap}" +
    ".user .bubble{background:#e8eef4}.bot .bubble{background:#f4f4f4}" +
    ".sources{margin:6px 0 0;padding-left:20px;font-size:13px}.sources a{color:#0b4f8a}" +
    ".note{font-size:12px;color:#4a4a4a;margin-top:4px}" +
    "form{display:flex;gap:8px;padding:10px;border-top:1px solid #ddd}" +
    "input{flex:1;padding:10px;border:1px solid #767676;border-radius:8px;font-size:15px;color:#1b1b1b}" +
    ".send{border:0;border-radius:8px;padding:0 14px;background:var(--ikz);color:#fff;font-size:15px;cursor:pointer}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
    "</style>" +
    '<button class="launcher" type="button" aria-haspopup="dialog" aria-expanded="false" aria-controls="ikz-panel"></button>' +
    '<section class="panel" id="ikz-panel" role="dialog" aria-modal="false" aria-labelledby="ikz-title" hidden>' +
    '<header><h2 id="ikz-title"></h2><button class="close" type="button" aria-label="Chat schließen">×</button></header>' +
    '<div class="log" role="log" aria-live="polite" aria-relevant="additions" aria-label="Unterhaltung"></div>' +
    '<form><label class="sr" for="ikz-input">Ihre Frage</label>' +
    '<input id="ikz-input" name="frage" autocomplete="off" maxlength="2000" placeholder="Ihre Frage zur interkommunalen Zusammenarbeit">' +
    '<button class="send" type="submit">Senden</button></form></section>';

  host.style.setProperty("--ikz", color);
  var launcher = root.querySelector(".launcher");
  var panel = root.querySelector(".panel");
  var closeButton = root.querySelector(".close");
  var log = root.querySelector(".log");
  var form = root.querySelector("form");
  var input = root.querySelector("input");
  launcher.textContent = title;
  root.getElementById("ikz-title").textContent = title;
  var history = [];

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }
  launcher.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closeButton.addEventListener("click", close);
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { event.preventDefault(); close(); }
  });

  function addMessage(role, text) {
    var item = document.createElement("div");
    item.className = "msg " + role;
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = text;
    item.appendChild(bubble);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function addSources(item, citations) {
    if (!citations || !citations.length) return;
    var list = document.createElement("ol");
    list.className = "sources";
    list.setAttribute("aria-label", "Quellen");
    citations.forEach(function (c) {
      var li = document.createElement("li");
      li.value = c.n;
      var label = (c.section || c.title) + (c.page ? ", S. " + c.page : "");
      if (c.source_url && /^https?:\/\//.test(c.source_url)) {
        var a = document.createElement("a");
        a.href = c.source_url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.textContent = label;
        li.appendChild(a);
      } else {
        li.textContent = label;
      }
      list.appendChild(li);
    });
    item.appendChild(list);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) return;
    input.value = "";
    addMessage("user", question);
    var pending = addMessage("bot", "Einen Moment bitte …");
    var body = { question: question, history: history.slice(-6) };
    if (state) body.filters = { bundesland: state };
    fetch(api + "/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        var bubble = pending.querySelector(".bubble");
        if (!result.ok) {
          bubble.textContent = (result.data && result.data.detail) || "Die Anfrage ist fehlgeschlagen.";
          return;
        }
        bubble.textContent = result.data.answer;
        addSources(pending, result.data.citations);
        if (result.data.notice) {
          var note = document.createElement("p");
          note.className = "note";
          note.textContent = result.data.notice;
          pending.appendChild(note);
        }
        history.push({ role: "user", content: question }, { role: "assistant", content: result.data.answer });
      })
      .catch(function () {
        pending.querySelector(".bubble").textContent =
          "Der IKZ-Assistent ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.";
      });
  });

  document.body.appendChild(host);
})();
