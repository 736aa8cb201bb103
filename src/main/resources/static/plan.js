// Integration plan: follows the entries of the last save until the EHR has them (saved / pending / failed with a
// retry, or a conflict to compare), shows the session's sync count, shows the saved plan once the EHR has all of it
// (the page was waiting for it), and warns before leaving unsaved edits.
(function () {
  "use strict";
  var sync, list, base, csrf, ids, dirty = false, submitting = false;
  var CONFLICT = "someone else saved a newer version";

  function request(method, path) {
    return fetch(base + path, {method: method, headers: {"X-CSRF-Token": csrf, "Accept": "application/json"},
      credentials: "same-origin", cache: "no-store"});
  }

  function item(id, text, state) {
    var li = document.getElementById("entry-" + id);
    if (!li) {
      li = document.createElement("li");
      li.id = "entry-" + id;
      list.appendChild(li);
    }
    li.textContent = "";
    li.setAttribute("data-state", state);
    var span = document.createElement("span");
    span.className = "item-meta entry-state";
    span.textContent = text;
    li.appendChild(span);
    return li;
  }

  function show(id, status, index) {
    var what = index === ids.length - 1 ? "Plan" : "Goal " + (index + 1);
    if (!status) { item(id, what + ": waiting for KAP Companion", "pending"); return; }
    if (status.state === "saved") {
      item(id, what + ": saved to EHR" + (status.reason ? " (" + status.reason + ")" : ""), "saved");
    } else if (status.state === "failed") {
      var li = item(id, what + ": failed: " + (status.reason || "the EHR did not accept it"), "failed");
      if ((status.reason || "").indexOf(CONFLICT) === 0 && index === ids.length - 1) {
        var link = document.createElement("a");
        link.href = base + "integration/conflict?entry=" + encodeURIComponent(id);
        link.className = "button";
        link.textContent = "Compare the two versions";
        li.appendChild(link);
      } else if ((status.reason || "").indexOf(CONFLICT) !== 0) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = "Retry";
        button.addEventListener("click", function () {
          request("POST", "entries/retry?id=" + encodeURIComponent(id)).then(function () { poll(); });
        });
        li.appendChild(button);
      }
    } else {
      item(id, what + ": pending" + (status.reason ? ": " + status.reason : " — will be saved to the EHR"), "pending");
    }
  }

  function poll() {
    request("GET", "entries/status").then(function (response) {
      if (response.status === 401) {
        sync.textContent = "Your session has ended: launch KAP Companion again from the EHR; saved entries are kept.";
        return null;
      }
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (!answer) { setTimeout(poll, 5000); return; }
      var byId = {};
      answer.entries.forEach(function (s) { byId[s.id] = s; });
      ids.forEach(function (id, index) { show(id, byId[id], index); });
      if (arrived(byId)) { return; }
      var words = [];
      if (answer.pending) { words.push(answer.pending + " waiting to be saved to the EHR"); }
      if (answer.failed) { words.push(answer.failed + " failed"); }
      sync.setAttribute("data-pending", String(answer.pending));
      sync.setAttribute("data-failed", String(answer.failed));
      if (ids.length || words.length) {
        sync.textContent = words.length ? "This session: " + words.join(" · ") : "All entries of this session saved to the EHR";
      }
      setTimeout(poll, answer.pending ? 1500 : 10000);
    }).catch(function () { setTimeout(poll, 5000); });
  }

  // A page rendered while the last save was on its way shows the saved plan once all of it is in the EHR: reloaded,
  // or, with edits on the page, by telling so rather than dropping them.
  function arrived(byId) {
    var waiting = document.getElementById("plan-waiting");
    var all = ids.length > 0 && ids.every(function (id) { return byId[id] && byId[id].state === "saved"; });
    if (!waiting || !all) { return false; }
    if (!dirty) {
      location.reload();
      return true;
    }
    waiting.textContent = "Your last save has reached the EHR: reload this page to see and edit the saved plan.";
    waiting.removeAttribute("id");
    return false;
  }

  function start() {
    sync = document.getElementById("sync");
    list = document.getElementById("plan-entries");
    if (!sync || !list) { return; }
    base = sync.getAttribute("data-base");
    csrf = sync.getAttribute("data-csrf");
    ids = (sync.getAttribute("data-entries") || "").split(",").filter(function (s) { return s; });
    var form = document.getElementById("plan-form");
    if (form) {
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("change", function () { dirty = true; });
      form.addEventListener("submit", function () { submitting = true; });
    }
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !submitting) { event.preventDefault(); event.returnValue = ""; }
    });
    poll();
  }

  document.addEventListener("DOMContentLoaded", start);
}());
