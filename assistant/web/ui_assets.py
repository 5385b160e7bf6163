"""Page script and styles of the chat UI (kept apart from the Python that builds it)."""

# Runs before Gradio's own scripts: Gradio takes its language (labels, lang attribute) from the browser, and its
# colour scheme from the system; the page is German and light (the colours below are checked for AA contrast).
FORCE_GERMAN = (
    "<script>try{"
    'Object.defineProperty(navigator,"language",{get:function(){return "de"}});'
    'Object.defineProperty(navigator,"languages",{get:function(){return ["de"]}});'
    "var ikzMatch=window.matchMedia.bind(window);"
    'window.matchMedia=function(q){return /prefers-color-scheme:\\s*dark/.test(q)?ikzMatch("not all"):ikzMatch(q)};'
    "}catch(e){}</script>"
)

# Citation links open their own answer's source; copy, ratings and the file note. Gradio re-renders the
# conversation while an answer streams, so expanded sources and given ratings are kept here and restored.
HEAD = """
<style>
/* Outside Gradio's content box, which the css parameter cannot reach: narrow margins on phones. */
@media (max-width: 640px) { .gradio-container .main { padding-left: 10px !important; padding-right: 10px !important; } }
</style>
<script>
(function () {
  "use strict";
  var openSources = new Set();
  var ratings = {};
  var commentOpen = {};
  var turnsSeen = 0;

  function conversation() { return document.getElementById("ikz-conversation"); }
  function sessionId() { var c = conversation(); return c ? c.getAttribute("data-session") : ""; }
  function turnOf(element) { return element.closest("article[data-message]"); }
  function say(scope, text) {
    var status = scope && scope.querySelector(".ikz-status");
    if (status) status.textContent = text;
  }

  function openSource(link) {
    var id = link.getAttribute("href").slice(1);
    var item = document.getElementById(id);
    if (!item) return;
    var details = item.querySelector("details");
    if (details) {
      details.open = true;
      openSources.add(id);
      details.querySelector("summary").focus();
    }
    item.scrollIntoView({block: "nearest"});
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

  function feedback(messageId, rating, comment) {
    return fetch("/api/feedback", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({session_id: sessionId(), message_id: messageId, rating: rating, comment: comment || null})
    }).then(function (response) { if (!response.ok) throw new Error(String(response.status)); });
  }

  function download(button) {
    var scope = button.parentElement;
    say(scope, "Vermerk wird erstellt …");
    fetch("/api/export", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({session_id: sessionId(), format: "docx"})
    }).then(function (response) {
      if (!response.ok) return response.json().then(function (data) { throw new Error(data.detail); });
      var match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
      var name = match ? match[1] : "IKZ-Vermerk.docx";
      return response.blob().then(function (blob) { return {blob: blob, name: name}; });
    }).then(function (file) {
      var url = URL.createObjectURL(file.blob);
      var link = document.createElement("a");
      link.href = url;
      link.download = file.name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      say(scope, "Vermerk heruntergeladen: " + file.name);
    }).catch(function (error) {
      say(scope, error && error.message && !/^\\d+$/.test(error.message) ? error.message
        : "Der Vermerk konnte nicht erstellt werden.");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var link = target.closest("a[data-ikz-cite]");
    if (link) { event.preventDefault(); openSource(link); return; }
    var summary = target.closest("#ikz-conversation summary");
    if (summary) {
      var item = summary.closest("li[id]");
      setTimeout(function () {
        if (!item) return;
        summary.parentElement.open ? openSources.add(item.id) : openSources.delete(item.id);
      }, 0);
      return;
    }
    var copyButton = target.closest("button[data-ikz-copy]");
    if (copyButton) {
      copy(copyButton.getAttribute("data-ikz-copy")).then(
        function () { say(turnOf(copyButton), "Antwort mit Quellen in die Zwischenablage kopiert."); },
        function () { say(turnOf(copyButton), "Kopieren ist in diesem Browser nicht möglich."); }
      );
      return;
    }
    var rateButton = target.closest("button[data-ikz-rate]");
    if (rateButton) {
      var turn = turnOf(rateButton);
      var id = turn.getAttribute("data-message");
      var rating = rateButton.getAttribute("data-ikz-rate");
      ratings[id] = rating;
      commentOpen[id] = rating === "down";
      restore();
      feedback(id, rating).then(
        function () { say(turn, rating === "up" ? "Danke für Ihre Bewertung." : "Danke. Was hat gefehlt?"); },
        function () { say(turn, "Die Bewertung konnte nicht gespeichert werden."); }
      );
      if (rating === "down") { var area = turn.querySelector(".ikz-comment textarea"); if (area) area.focus(); }
      return;
    }
    var exportButton = target.closest("button[data-ikz-export]");
    if (exportButton) download(exportButton);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("form.ikz-comment");
    if (!form) return;
    event.preventDefault();
    var turn = turnOf(form);
    var id = turn.getAttribute("data-message");
    var text = form.querySelector("textarea").value.trim();
    feedback(id, "down", text).then(
      function () { commentOpen[id] = false; restore(); say(turn, "Danke für Ihre Rückmeldung."); },
      function () { say(turn, "Die Rückmeldung konnte nicht gespeichert werden."); }
    );
  });

  function restore() {
    openSources.forEach(function (id) {
      var item = document.getElementById(id);
      var details = item && item.querySelector("details");
      if (details && !details.open) details.open = true;
    });
    Object.keys(ratings).forEach(function (id) {
      var turn = document.querySelector('article[data-message="' + id + '"]');
      if (!turn) return;
      turn.querySelectorAll("button[data-ikz-rate]").forEach(function (button) {
        var pressed = String(button.getAttribute("data-ikz-rate") === ratings[id]);
        if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
      });
      var form = turn.querySelector("form.ikz-comment");
      if (form && form.hidden === !!commentOpen[id]) form.hidden = !commentOpen[id];
    });
  }

  function changed() {
    restore();
    var turns = document.querySelectorAll("#ikz-conversation article.ikz-turn");
    if (turns.length < turnsSeen) { openSources.clear(); ratings = {}; commentOpen = {}; }
    if (turns.length > turnsSeen) turns[turns.length - 1].scrollIntoView({block: "start"});
    turnsSeen = turns.length;
  }

  new MutationObserver(changed).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["open", "aria-pressed", "hidden"]
  });
})();
</script>
"""

CSS = """
:root, .gradio-container {
  --button-primary-background-fill: #1f5f8b;
  --button-primary-background-fill-hover: #174a6d;
  --button-primary-border-color: #1f5f8b;
  --button-primary-text-color: #ffffff;
  --button-primary-text-color-hover: #ffffff;
  --input-placeholder-color: #5c5c5c;
  --body-text-color-subdued: #4a4a4a;
  --block-label-text-color: #3d3d3d;
  --block-info-text-color: #4a4a4a;
  --link-text-color: #0b4f8a;
}
.gradio-container { max-width: 960px !important; margin: 0 auto !important; }
.gradio-container a:focus-visible, .gradio-container button:focus-visible, .gradio-container summary:focus-visible,
.gradio-container textarea:focus-visible { outline: 3px solid #1f5f8b !important; outline-offset: 2px; }
.gradio-container textarea:focus { box-shadow: 0 0 0 3px #1f5f8b !important; }
.gradio-container .wrap:has(> .wrap-inner input[role="combobox"]:focus) { box-shadow: 0 0 0 3px #1f5f8b;
  border-radius: var(--input-radius); }
.ikz-header h1 { font-size: 2rem; margin: .25rem 0; color: #1b1b1b; }
.ikz-header p { margin: 0 0 .5rem; color: #333333; }
#ikz-conversation { display: flex; flex-direction: column; gap: 1.25rem; font-size: 1rem; line-height: 1.55;
  color: #1b1b1b; }
#ikz-conversation.ikz-empty p { color: #4a4a4a; margin: .5rem 0; }
.ikz-turn { display: flex; flex-direction: column; gap: .5rem; }
.ikz-question { align-self: flex-end; max-width: 85%; margin: 0; font-size: 1rem; font-weight: 600; line-height: 1.45;
  background: #e8eef4; color: #1b1b1b; padding: .5rem .8rem; border-radius: 10px; overflow-wrap: anywhere; }
.ikz-answer { background: #ffffff; border: 1px solid #c9c9c9; border-radius: 10px; padding: .6rem .9rem;
  overflow-wrap: anywhere; }
.ikz-answer p, .ikz-answer ul { margin: 0 0 .5rem; }
.ikz-answer > :last-child { margin-bottom: 0; }
.ikz-answer ul { padding-left: 1.3rem; list-style: disc; }
.ikz-error { border-color: #b3261e; }
.ikz-table { overflow-x: auto; }
.ikz-table table { border-collapse: collapse; font-size: .9rem; margin: 0 0 .5rem; }
.ikz-table th, .ikz-table td { border: 1px solid #c9c9c9; padding: .25rem .45rem; text-align: left;
  vertical-align: top; }
.ikz-table th { background: #eef2f6; }
#ikz-conversation a { color: #0b4f8a; text-decoration: underline; }
.ikz-cite { font-weight: 600; white-space: nowrap; padding: 0 !important; margin: 0 !important; }
.ikz-sources-title { font-size: .95rem; margin: .25rem 0 0; color: #1b1b1b; }
.ikz-sources { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: .25rem; }
.ikz-sources summary { cursor: pointer; padding: .15rem 0; }
.ikz-n { font-weight: 600; }
.ikz-passage { white-space: pre-line; border-left: 3px solid #1f5f8b; margin: .3rem 0 .4rem; padding: .3rem .7rem;
  background: #f6f8fa; color: #1b1b1b; }
#ikz-conversation mark { background: #fff3b0; color: #1b1b1b; }
.ikz-meta { font-size: .9rem; color: #4a4a4a; margin: .3rem 0; }
.ikz-notice { font-size: .875rem; color: #4a4a4a; margin: 0; }
.ikz-actions, .ikz-export { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.ikz-action { border: 1px solid #1f5f8b; color: #1f5f8b; background: #ffffff; border-radius: 6px;
  padding: .35rem .75rem; font-size: .9rem; cursor: pointer; }
.ikz-action:hover { background: #e8eef4; }
.ikz-action[aria-pressed="true"] { background: #1f5f8b; color: #ffffff; }
.ikz-status { font-size: .875rem; color: #1b5e20; }
.ikz-comment { display: flex; flex-direction: column; gap: .35rem; max-width: 40rem; }
.ikz-comment[hidden] { display: none; }
.ikz-comment label { font-size: .9rem; }
.ikz-comment textarea { border: 1px solid #767676; border-radius: 6px; padding: .4rem; font: inherit;
  color: #1b1b1b; background: #ffffff; }
.ikz-comment button { align-self: flex-start; }
.ikz-sr { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
@media (max-width: 640px) {
  #ikz-chat .html-container { padding-left: 2px; padding-right: 2px; }
  .ikz-question { max-width: 100%; }
  .ikz-header h1 { font-size: 1.6rem; }
}
"""
