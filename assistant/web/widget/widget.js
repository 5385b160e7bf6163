/* IKZ-Assistent – einbettbares Chat-Widget.
 * Einbindung: <script src="https://HOST/widget.js" data-title="…" data-bundesland="Hessen" data-color="#1f5f8b" defer></script>
 * Shadow DOM isoliert die Styles. Antworten und Quellen werden als DOM-Knoten mit textContent gebaut: kein
 * innerHTML mit Daten aus Antworten oder Dokumenten. Die Antwort kommt Satz für Satz (Server-Sent Events).
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
  if (!/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(color)) color = "#1f5f8b";

  var TEXT = {
    pending: "Einen Moment bitte …",
    offline: "Der IKZ-Assistent ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
    failed: "Die Anfrage ist fehlgeschlagen.",
    refused: "Dieses Portal ist für den IKZ-Assistenten nicht freigeschaltet.",
    sources: "Quellen",
    suggestions: "Mögliche Quellen",
    copy: "Mit Quellen kopieren",
    copied: "Antwort mit Quellen in die Zwischenablage kopiert.",
    copyFailed: "Kopieren ist in diesem Browser nicht möglich.",
    up: "Hilfreich",
    down: "Nicht hilfreich",
    thanks: "Danke für Ihre Bewertung.",
    missing: "Was hat gefehlt? (freiwillig, ohne persönliche Daten)",
    sendComment: "Rückmeldung senden",
    commentThanks: "Danke für Ihre Rückmeldung.",
    note: "Als Vermerk herunterladen",
    noteDone: "Vermerk heruntergeladen.",
    noteFailed: "Der Vermerk konnte nicht erstellt werden.",
    newWindow: " (öffnet in neuem Fenster)"
  };
  var MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
    "November", "Dezember"];

  // --- text of answers: the same rules as assistant/export (blocks.py, text.py) --------------------------------
  function parseBlocks(text) {
    var blocks = [];
    text.trim().split(/\n\s*\n/).forEach(function (chunk) {
      var current = null;
      chunk.split("\n").forEach(function (line) {
        if (!line.trim()) return;
        var stripped = line.trim(), kind, content;
        if (stripped.charAt(0) === "|") {
          if (/^\s*\|?\s*:?-{2,}/.test(stripped)) return;
          kind = "table"; content = stripped;
        } else if (/^\s*[-*+]\s+/.test(line)) {
          kind = "list"; content = line.replace(/^\s*[-*+]\s+/, "").trim();
        } else {
          kind = "paragraph"; content = stripped;
        }
        if (!current || current.kind !== kind) { current = {kind: kind, lines: []}; blocks.push(current); }
        current.lines.push(content);
      });
    });
    return blocks;
  }
  function cells(line) {
    return line.trim().replace(/^\|+|\|+$/g, "").split("|").map(function (cell) { return cell.trim(); });
  }
  function plainAnswer(text) {
    return parseBlocks(text).map(function (block) {
      if (block.kind === "paragraph") return block.lines.join(" ");
      if (block.kind === "list") return block.lines.map(function (line) { return "- " + line; }).join("\n");
      return block.lines.map(function (line) { return cells(line).join(" | "); }).join("\n");
    }).join("\n\n");
  }
  function sectionLabel(itemTitle, section) {
    var parts = (section || "").split(">").map(function (p) { return p.trim(); }).filter(Boolean);
    if (parts.length && parts[0] === itemTitle.trim()) parts = parts.slice(1);
    return parts.join(" › ");
  }
  function sourceLabel(item) {
    var label = item.title, section = sectionLabel(item.title, item.section);
    if (section) label += " – " + section;
    if (item.page) label += ", S. " + item.page;
    return label;
  }
  function standLabel(stand) {
    var match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(stand.trim());
    if (!match || +match[2] < 1 || +match[2] > 12) return stand.trim();
    var month = MONTHS[+match[2] - 1] + " " + match[1];
    return match[3] ? +match[3] + ". " + month : month;
  }
  function sourceLine(item, number) {
    var label = sourceLabel(item);
    var parts = ["[" + number + "] " + label + (/[.?!]$/.test(label) ? "" : ".")];
    if (item.stand) parts.push("Stand: " + standLabel(item.stand) + ".");
    if (item.source_url && /^https?:\/\//i.test(item.source_url)) parts.push(item.source_url);
    return parts.join(" ");
  }
  function copyText(answer) {
    var lines = [plainAnswer(answer.answer)];
    if (answer.citations && answer.citations.length) {
      lines.push("", "Quellen:");
      answer.citations.forEach(function (c) { lines.push(sourceLine(c, c.n)); });
    } else if (answer.suggestions && answer.suggestions.length) {
      lines.push("", "Mögliche Quellen:");
      answer.suggestions.forEach(function (s, i) { lines.push(sourceLine(s, i + 1)); });
    }
    return lines.join("\n");
  }

  // --- page ------------------------------------------------------------------------------------------------------
  function textColorFor(hex) {  // white or black text on the accent colour, whichever has more contrast
    var full = hex.length === 4 ? "#" + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3] : hex;
    var lum = [1, 3, 5].map(function (i) {
      var c = parseInt(full.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? "#ffffff" : "#1b1b1b";
  }

  var host = document.createElement("div");
  host.setAttribute("data-ikz-widget", "");
  var root = host.attachShadow({mode: "open"});
  root.innerHTML =
    "<style>" +
    ":host{all:initial}" +
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;" +
    "background:var(--ikz);color:var(--ikz-text);font-size:16px;font-weight:600;cursor:pointer;" +
    "box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
    "button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible,summary:focus-visible,.log:focus-visible" +
    "{outline:2px solid #fff;outline-offset:0;box-shadow:0 0 0 5px #1b1b1b}" +
    ".panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:min(420px,calc(100vw - 24px));" +
    "height:min(600px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;color:#1b1b1b;" +
    "border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}" +
    ".panel[hidden]{display:none}" +
    "header{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:var(--ikz);" +
    "color:var(--ikz-text)}" +
    "header h2{margin:0;font-size:17px}" +
    ".close{background:transparent;border:0;color:inherit;font-size:22px;cursor:pointer;line-height:1;padding:4px 8px}" +
    ".log{flex:1;overflow:auto;padding:12px;font-size:15px;line-height:1.45}" +
    ".msg{margin:0 0 14px}.msg.user{text-align:right}" +
    ".bubble{display:inline-block;padding:8px 11px;border-radius:10px;max-width:92%;text-align:left;overflow-wrap:anywhere}" +
    ".user .bubble{background:#e8eef4;white-space:pre-wrap}.bot .bubble{background:#f4f4f4;display:block;max-width:100%}" +
    ".bubble p,.bubble ul{margin:0 0 6px}.bubble>:last-child{margin-bottom:0}.bubble ul{padding-left:18px}" +
    ".table{overflow-x:auto}.table table{border-collapse:collapse;font-size:13px;margin:0 0 6px}" +
    ".table th,.table td{border:1px solid #b0b0b0;padding:3px 5px;text-align:left;vertical-align:top}" +
    ".table th{background:#e8eef4}" +
    "a{color:#0b4f8a}.cite{font-weight:600;white-space:nowrap}" +
    "h3{font-size:14px;margin:8px 0 2px}" +
    ".sources{margin:0;padding:0;list-style:none;font-size:14px}.sources li{margin:0 0 4px}" +
    ".sources summary{cursor:pointer}" +
    ".meta{margin:2px 0 0 16px;font-size:13px;color:#4a4a4a}" +
    "blockquote{white-space:pre-line;margin:4px 0;padding:4px 8px;border-left:3px solid #1f5f8b;background:#fafafa;" +
    "font-size:13px}" +
    "mark{background:#fff3b0;color:#1b1b1b}" +
    ".note{font-size:12px;color:#4a4a4a;margin:4px 0 0}" +
    ".actions{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-top:6px}" +
    ".action{border:1px solid #1f5f8b;color:#1f5f8b;background:#fff;border-radius:6px;padding:4px 9px;font-size:13px;" +
    "cursor:pointer}.action[aria-pressed=true]{background:#1f5f8b;color:#fff}" +
    ".status{font-size:12px;color:#1b5e20}" +
    ".comment{display:flex;flex-direction:column;gap:4px;margin-top:6px;font-size:13px}.comment[hidden]{display:none}" +
    ".comment textarea{border:1px solid #767676;border-radius:6px;padding:6px;font-size:13px;color:#1b1b1b}" +
    ".comment button{align-self:flex-start}" +
    ".tools{padding:0 12px 6px;display:flex;gap:8px;align-items:center}.tools[hidden]{display:none}" +
    "form.ask{display:flex;gap:8px;padding:10px;border-top:1px solid #ddd}" +
    "form.ask input{flex:1;min-width:0;padding:10px;border:1px solid #767676;border-radius:8px;font-size:15px;" +
    "color:#1b1b1b;background:#fff}" +
    "form.ask input::placeholder{color:#5c5c5c}" +
    ".send{border:0;border-radius:8px;padding:0 14px;background:var(--ikz);color:var(--ikz-text);font-size:15px;" +
    "cursor:pointer}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    "@media (max-width:480px){.panel{right:8px;left:8px;width:auto;bottom:76px;height:calc(100vh - 92px)}}" +
    "</style>" +
    '<button class="launcher" type="button" aria-haspopup="dialog" aria-expanded="false" aria-controls="ikz-panel">' +
    "</button>" +
    '<section class="panel" id="ikz-panel" role="dialog" aria-modal="false" aria-labelledby="ikz-title" hidden>' +
    '<header><h2 id="ikz-title"></h2><button class="close" type="button" aria-label="Chat schließen">×</button></header>' +
    '<div class="log" role="log" aria-live="off" aria-label="Unterhaltung" tabindex="0"></div>' +
    '<div class="sr" role="status" aria-live="polite" aria-atomic="true"></div>' +
    '<div class="tools" hidden><button class="action note-button" type="button"></button>' +
    '<span class="status" role="status"></span></div>' +
    '<form class="ask"><label class="sr" for="ikz-input">Ihre Frage</label>' +
    '<input id="ikz-input" name="frage" autocomplete="off" maxlength="2000" ' +
    'placeholder="Ihre Frage zur interkommunalen Zusammenarbeit">' +
    '<button class="send" type="submit">Senden</button></form></section>';

  host.style.setProperty("--ikz", color);
  host.style.setProperty("--ikz-text", textColorFor(color));
  var launcher = root.querySelector(".launcher");
  var panel = root.querySelector(".panel");
  var closeButton = root.querySelector(".close");
  var log = root.querySelector(".log");
  var announcer = root.querySelector("[role=status][aria-live]");
  var tools = root.querySelector(".tools");
  var noteButton = root.querySelector(".note-button");
  var form = root.querySelector("form.ask");
  var input = root.querySelector("input");
  launcher.textContent = title;
  root.getElementById("ikz-title").textContent = title;
  noteButton.textContent = TEXT.note;
  var history = [];
  var conversation = [];
  var sessionId = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
  var turnCount = 0;
  var warned = false;

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

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function announce(text) {
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 50);
  }
  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function addMessage(role, text) {
    var item = el("div", "msg " + role);
    var bubble = el("div", "bubble", text);
    item.appendChild(bubble);
    log.appendChild(item);
    scrollDown();
    return item;
  }

  // Text with [n] marks: a mark with a source becomes a link that opens that source of this very answer.
  function inline(parent, text, sources) {
    var pattern = /\[(\d{1,3})\]/g, position = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > position) parent.appendChild(document.createTextNode(text.slice(position, match.index)));
      var n = +match[1];
      if (sources && sources[n]) {
        var link = el("a", "cite", "[" + n + "]");
        link.href = "#";
        link.setAttribute("aria-label", "Quelle " + n);
        link.addEventListener("click", openSource.bind(null, sources[n]));
        parent.appendChild(link);
      } else {
        parent.appendChild(document.createTextNode(match[0]));
      }
      position = pattern.lastIndex;
    }
    if (position < text.length) parent.appendChild(document.createTextNode(text.slice(position)));
  }
  function openSource(item, event) {
    event.preventDefault();
    var details = item.querySelector("details");
    details.open = true;
    details.querySelector("summary").focus();
    item.scrollIntoView({block: "nearest"});
  }
  function renderMarkdown(bubble, text, sources) {
    bubble.textContent = "";
    parseBlocks(text).forEach(function (block) {
      if (block.kind === "paragraph") {
        var p = el("p");
        inline(p, block.lines.join(" "), sources);
        bubble.appendChild(p);
      } else if (block.kind === "list") {
        var ul = el("ul");
        block.lines.forEach(function (line) { var li = el("li"); inline(li, line, sources); ul.appendChild(li); });
        bubble.appendChild(ul);
      } else {
        var wrap = el("div", "table"), table = el("table"), thead = el("thead"), tbody = el("tbody");
        block.lines.forEach(function (line, index) {
          var tr = el("tr");
          cells(line).forEach(function (cell) {
            var td = el(index === 0 ? "th" : "td");
            if (index === 0) td.setAttribute("scope", "col");
            inline(td, cell, sources);
            tr.appendChild(td);
          });
          (index === 0 ? thead : tbody).appendChild(tr);
        });
        table.appendChild(thead); table.appendChild(tbody); wrap.appendChild(table); bubble.appendChild(wrap);
      }
    });
  }

  function highlight(parent, passage, sentences) {
    var spans = [];
    sentences.forEach(function (sentence) {
      var words = sentence.split(/\s+/).filter(Boolean);
      if (!words.length) return;
      var pattern = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("\\s+"));
      var match = pattern.exec(passage);
      if (match && !spans.some(function (s) { return s[0] < match.index + match[0].length && match.index < s[1]; })) {
        spans.push([match.index, match.index + match[0].length]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var position = 0;
    spans.forEach(function (span) {
      parent.appendChild(document.createTextNode(passage.slice(position, span[0])));
      parent.appendChild(el("mark", "", passage.slice(span[0], span[1])));
      position = span[1];
    });
    parent.appendChild(document.createTextNode(passage.slice(position)));
  }

  function sourceItem(item, number, cited) {
    var li = el("li");
    var details = el("details");
    var summary = el("summary", "", number ? "[" + number + "] " + sourceLabel(item) : sourceLabel(item));
    var quote = el("blockquote");
    highlight(quote, item.snippet || "", cited || []);
    details.appendChild(summary);
    details.appendChild(quote);
    li.appendChild(details);
    var meta = el("p", "meta");
    if (item.stand) meta.appendChild(document.createTextNode("Stand: " + standLabel(item.stand)));
    if (item.source_url && /^https?:\/\//i.test(item.source_url)) {
      if (item.stand) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(document.createTextNode("Quelle: "));
      var a = el("a", "", item.source_domain || item.source_url);
      a.href = item.source_url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(el("span", "sr", TEXT.newWindow));
      meta.appendChild(a);
    }
    if (meta.childNodes.length) li.appendChild(meta);
    return li;
  }

  function sourcesBlock(item, answer, turnId) {
    var byNumber = {};
    var heading, list;
    if (answer.citations && answer.citations.length) {
      var cited = {};
      (answer.sentences || []).forEach(function (s) {
        if (s.verified) (s.citations || []).forEach(function (n) { (cited[n] = cited[n] || []).push(s.text); });
      });
      heading = el("h3", "", TEXT.sources);
      list = el("ol", "sources");
      answer.citations.forEach(function (c) {
        var li = sourceItem(c, c.n, cited[c.n]);
        byNumber[c.n] = li;
        list.appendChild(li);
      });
    } else if (answer.suggestions && answer.suggestions.length) {
      heading = el("h3", "", TEXT.suggestions);
      list = el("ul", "sources");
      answer.suggestions.forEach(function (s) { list.appendChild(sourceItem(s, 0)); });
    } else {
      return byNumber;
    }
    heading.id = "ikz-" + turnId + "-quellen";
    list.setAttribute("aria-labelledby", heading.id);
    item.appendChild(heading);
    item.appendChild(list);
    return byNumber;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  function post(path, body) {
    return fetch(api + path, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body)
    });
  }

  function actions(item, answer, messageId) {
    var bar = el("div", "actions");
    var status = el("span", "status");
    status.setAttribute("role", "status");
    var copyButton = el("button", "action", TEXT.copy);
    copyButton.type = "button";
    copyButton.setAttribute("data-copy", "");
    copyButton.addEventListener("click", function () {
      copy(copyText(answer)).then(function () { status.textContent = TEXT.copied; },
        function () { status.textContent = TEXT.copyFailed; });
    });
    bar.appendChild(copyButton);
    var comment = el("form", "comment");
    comment.hidden = true;
    var area = el("textarea");
    area.id = "ikz-comment-" + messageId;
    area.maxLength = 2000;
    area.rows = 2;
    var label = el("label", "", TEXT.missing);
    label.htmlFor = area.id;
    var send = el("button", "action", TEXT.sendComment);
    send.type = "submit";
    comment.appendChild(label); comment.appendChild(area); comment.appendChild(send);
    var rates = [["up", TEXT.up], ["down", TEXT.down]].map(function (pair) {
      var button = el("button", "action", pair[1]);
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        rates.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        comment.hidden = pair[0] !== "down";
        post("/api/feedback", {session_id: sessionId, message_id: messageId, rating: pair[0]}).then(function () {
          status.textContent = pair[0] === "up" ? TEXT.thanks : TEXT.missing;
        }, function () {});
        if (pair[0] === "down") area.focus();
      });
      bar.appendChild(button);
      return button;
    });
    comment.addEventListener("submit", function (event) {
      event.preventDefault();
      post("/api/feedback", {
        session_id: sessionId, message_id: messageId, rating: "down", comment: area.value.trim() || null
      }).then(function () { comment.hidden = true; status.textContent = TEXT.commentThanks; }, function () {});
    });
    bar.appendChild(status);
    item.appendChild(bar);
    item.appendChild(comment);
  }

  function showAnswer(item, bubble, answer, messageId) {
    var sources = sourcesBlock(item, answer, messageId);
    renderMarkdown(bubble, answer.answer, sources);
    if (answer.notice) item.appendChild(el("p", "note", answer.notice));
    actions(item, answer, messageId);
    var count = (answer.citations || []).length;
    announce("Antwort: " + plainAnswer(answer.answer).replace(/\s*\[\d+\]/g, "") +
      (count ? " " + count + (count === 1 ? " Quelle" : " Quellen") + " unter der Antwort." : ""));
    tools.hidden = false;
  }

  function fail(bubble, message) {
    bubble.textContent = message;
    announce(message);
  }

  function refusedOrigin(bubble) {
    fail(bubble, TEXT.refused);
    if (!warned && window.console) {
      warned = true;
      console.warn("IKZ-Assistent: the server refuses this page's origin " + window.location.origin +
        "; add it to IKZ_ALLOWED_ORIGINS on the server.");
    }
  }

  // Server-Sent Events from a fetch response: "event: name" and "data: json" lines, blocks split by blank lines.
  function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    function handle(block) {
      var name = "message", data = [];
      block.split(/\r?\n/).forEach(function (line) {
        if (line.indexOf("event:") === 0) name = line.slice(6).trim();
        else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
      });
      if (data.length) onEvent(name, JSON.parse(data.join("\n")));
    }
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) { if (buffer.trim()) handle(buffer); return; }
        buffer += decoder.decode(chunk.value, {stream: true});
        var blocks = buffer.split(/\r?\n\r?\n/);
        buffer = blocks.pop();
        blocks.forEach(handle);
        return pump();
      });
    }
    return pump();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) return;
    input.value = "";
    var asked = addMessage("user", question);
    turnCount += 1;
    var messageId = "w" + turnCount;
    var item = addMessage("bot", TEXT.pending);
    log.scrollTop = asked.offsetTop - log.offsetTop - 8;  // the new question on top, its answer grows beneath
    var bubble = item.querySelector(".bubble");
    bubble.setAttribute("aria-busy", "true");
    var body = {
      question: question, history: history.slice(-6), session_id: sessionId, message_id: messageId,
      channel: "widget", stream: true
    };
    if (state) body.filters = {bundesland: state};
    var streamed = "";
    var finished = false;
    fetch(api + "/api/ask", {
      method: "POST",
      headers: {"Content-Type": "application/json", "Accept": "text/event-stream"},
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (data) {
          if (response.status === 403 && data && data.code === "origin_not_allowed") refusedOrigin(bubble);
          else fail(bubble, (data && data.detail) || TEXT.failed);
        }, function () { fail(bubble, TEXT.failed); });
      }
      return readEvents(response, function (name, data) {
        if (name === "answer") {
          streamed += data.text;
          renderMarkdown(bubble, streamed, null);
        } else if (name === "reset") {
          streamed = "";
          bubble.textContent = TEXT.pending;
        } else if (name === "done") {
          finished = true;
          bubble.removeAttribute("aria-busy");
          showAnswer(item, bubble, data, messageId);
          history.push({role: "user", content: question}, {role: "assistant", content: data.answer});
          conversation.push({question: question, answer: data});
        }
      }).then(function () { if (!finished) fail(bubble, TEXT.offline); });
    }).catch(function () {
      fail(bubble, TEXT.offline);
    }).then(function () { bubble.removeAttribute("aria-busy"); });
  });

  noteButton.addEventListener("click", function () {
    var status = tools.querySelector(".status");
    post("/api/export", {conversation: conversation.slice(-50), format: "docx"}).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      var match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = document.createElement("a");
        link.href = url;
        link.download = match ? match[1] : "IKZ-Vermerk.docx";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        status.textContent = TEXT.noteDone;
      });
    }).catch(function () { status.textContent = TEXT.noteFailed; });
  });

  document.body.appendChild(host);
})();
