// Session entries: saves every form marked class="entry-form" as JSON (kind from data-kind) with an identifier made
// here once, retries until the app acknowledges, shows each entry's sync state (also on timeline items carrying
// data-entry), lists waiting and failed entries after a reload too (by the app's label and time), offers Retry and
// Discard on failed ones, and warns before leaving while an entry is not yet acknowledged. Fires "entry-acknowledged".
// A dose the app does not save because the session has doses its page did not show (409) goes back into its form
// with every typed value, beside the doses recorded since and the question whether it is a further dose (leaving
// warns until it is answered); confirming sends it again as knowing them. Fires "doses-recorded-since".
(function () {
  "use strict";
  var base, csrf, path, list, sync, zone;
  var LOCAL_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$/;
  var entries = {};      // id -> {id, text, label, at, state, reason, retryable, body, acked}
  var order = [];
  var ended = false;
  var STORE_KEY;

  function remember() {
    var unacked = order.map(function (id) { return entries[id]; })
      .filter(function (e) { return !e.acked && e.body; })
      .map(function (e) { return {id: e.id, text: e.text, body: e.body, form: e.form}; });
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(unacked)); } catch (ignored) { /* storage full or off */ }
  }

  function label(e) {
    if (!e.acked) { return "not yet received by KAP Companion — retrying"; }
    if (e.state === "failed" && e.retryable === false) { return e.reason; }
    if (e.state === "saved") { return "saved to EHR" + (e.reason ? " (" + e.reason + ")" : ""); }
    if (e.state === "failed") { return "failed: " + (e.reason || "the EHR did not accept it"); }
    return "pending" + (e.reason ? ": " + e.reason : " — will be saved to the EHR");
  }

  function render() {
    var pending = 0, failed = 0, unacked = 0, unreadable = 0;
    order.forEach(function (id) {
      var e = entries[id];
      document.querySelectorAll("[data-entry='" + id + "'] .entry-state").forEach(function (mark) {
        mark.textContent = label(e);
        mark.parentNode.setAttribute("data-state", e.acked ? e.state : "unacknowledged");
      });
      var li = document.getElementById("entry-" + id);
      if (!li && (e.text || (e.acked && e.state !== "saved"))) {
        li = document.createElement("li");
        li.id = "entry-" + id;
        li.setAttribute("data-entry", id);
        var text = document.createElement("span");
        text.className = "item-name";
        text.dir = "auto";
        text.textContent = e.text || ((e.label || "Entry") + (e.at ? ", saved at " + e.at : ""));
        var state = document.createElement("span");
        state.className = "item-meta entry-state";
        li.appendChild(text);
        li.appendChild(state);
        list.insertBefore(li, list.firstChild);
      }
      if (li) { mark(li, e, id); }
      if (!e.acked) { unacked++; } else if (e.state === "pending") { pending++; }
      else if (e.state === "failed" && e.retryable === false) { unreadable++; } else if (e.state === "failed") { failed++; }
    });
    summarise(unacked, pending, failed, unreadable);
  }

  function mark(li, e, id) {
    li.setAttribute("data-state", e.acked ? e.state : "unacknowledged");
    li.querySelector(".entry-state").textContent = label(e);
    var actions = li.querySelector(".entry-actions");
    var wanted = e.state !== "failed" ? "" : e.retryable === false ? "discard" : "retry discard";
    if (actions && actions.getAttribute("data-actions") === wanted) { return; }
    if (actions) { li.removeChild(actions); }
    if (!wanted) { return; }
    actions = document.createElement("span");
    actions.className = "entry-actions";
    actions.setAttribute("data-actions", wanted);
    if (e.retryable !== false) { actions.appendChild(button("Retry", "entry-retry", function () { retry(id); })); }
    actions.appendChild(button("Discard", "entry-discard", function () { discard(id); }));
    li.appendChild(actions);
  }

  function button(text, className, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button " + className;
    b.textContent = text;
    b.addEventListener("click", action);
    return b;
  }

  function summarise(unacked, pending, failed, unreadable) {
    var words = [];
    if (ended) { words.push("Your session has ended: launch KAP Companion again from the EHR; entries already received are kept and sent after you do."); }
    if (unacked) { words.push(unacked + " not yet received by KAP Companion (retrying — keep this page open)"); }
    if (pending) { words.push(pending + " waiting to be saved to the EHR"); }
    if (failed) { words.push(failed + " failed — see below"); }
    if (unreadable) { words.push(unreadable + (unreadable === 1 ? " entry" : " entries") + " could not be read back — see below"); }
    sync.textContent = words.length ? words.join(" · ") : "All entries saved to the EHR";
    sync.setAttribute("data-pending", String(unacked + pending));
    sync.setAttribute("data-failed", String(failed + unreadable));
  }

  function request(method, path, body, contentType) {
    var headers = {"X-CSRF-Token": csrf, "Accept": "application/json"};
    if (contentType) { headers["Content-Type"] = contentType; }
    return fetch(base + path, {method: method, headers: headers, body: body, credentials: "same-origin", cache: "no-store"});
  }

  function send(id, delay) {
    var e = entries[id];
    request("POST", path, e.body, "application/json").then(function (response) {
      if (response.status === 200) {
        e.acked = true; e.state = "pending"; remember(); render(); schedulePoll(500); announceSaved();
        document.dispatchEvent(new CustomEvent("entry-acknowledged", {detail: {id: id}}));
      } else if (response.status === 422 || response.status === 400 || response.status === 413
          || response.status === 415) {
        return response.json().then(function (answer) { rejected(id, answer); });
      } else if (response.status === 409) {
        return response.json().then(function (answer) { recordedSince(id, answer); });
      } else if (response.status === 401 || response.status === 403) {
        ended = response.status === 401; render();
        setTimeout(function () { send(id, delay); }, 10000);
      } else {
        throw new Error("status " + response.status);
      }
    }).catch(function () {
      var next = Math.min((delay || 500) * 2, 15000);
      setTimeout(function () { send(id, next); }, next / 2 + Math.random() * next / 2);
    });
  }

  // Takes an entry off this page and out of what the page keeps to resend after a reload.
  function forget(id) {
    order.splice(order.indexOf(id), 1);
    delete entries[id];
    var li = document.getElementById("entry-" + id);
    if (li) { li.parentNode.removeChild(li); }
    remember();
  }

  // Takes an entry the app did not save off the list and puts what was sent back into its form; returns the form.
  function giveBack(id) {
    var e = entries[id];
    forget(id);
    var form = e.form && document.getElementById(e.form);
    if (form) { restore(form, e.body); }
    return form;
  }

  function rejected(id, answer) {
    var form = giveBack(id);
    var problems = form && document.getElementById(form.id + "-problems");
    if (problems) {
      problems.hidden = false;
      problems.textContent = (answer.problems || []).map(function (p) { return p.message; }).join(" ")
        || answer.error || "The entry was not saved.";
    }
    if (form && answer.field && window.kapShowRefusal) { window.kapShowRefusal(form, answer); }
    render();
  }

  // A dose not saved for the doses recorded since its page showed the session: they are listed in the form's
  // confirmation (or, without one, its problems) with the question; the page's live part is brought up to date.
  function recordedSince(id, answer) {
    var form = giveBack(id);
    var confirm = form && document.getElementById(form.id + "-confirm");
    var problems = form && document.getElementById(form.id + "-problems");
    if (confirm) {
      var since = confirm.querySelector("[data-doses-since]");
      since.replaceChildren.apply(since, (answer.doses || []).map(function (dose) {
        var item = document.createElement("li");
        item.textContent = dose.time + " " + dose.shown;
        return item;
      }));
      confirm.setAttribute("data-doses", (answer.doses || []).map(function (dose) { return dose.id; }).join(" "));
      confirm.hidden = false;
    } else if (problems) {
      problems.hidden = false;
      problems.textContent = answer.error;
    }
    render();
    document.dispatchEvent(new CustomEvent("doses-recorded-since"));
  }

  // The clinician's answer to "record this as a further dose?": yes sends it again as knowing the doses listed; no
  // clears the form.
  function answerFurther(event) {
    var button = event.target.closest && event.target.closest("[data-confirm-further], [data-discard-further]");
    var form = button && button.closest("form");
    var confirm = form && document.getElementById(form.id + "-confirm");
    if (!confirm) { return; }
    confirm.hidden = true;
    if (button.hasAttribute("data-discard-further")) {
      form.reset();
      setNow(form);
      return;
    }
    var known = form.querySelector("input[name=knownDoses]");
    known.value = (known.value + " " + confirm.getAttribute("data-doses")).trim();
    form.requestSubmit();
  }

  // Puts what was sent back into the form it came from, so a refused entry is corrected, not typed again: every
  // value as typed, and a typed time (e.g. when the dose was given) as the clinic's local time it was typed in.
  function restore(form, body) {
    var sent;
    try { sent = JSON.parse(body); } catch (ignored) { return; }
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !(field.name in sent) && field.name !== "tag") { return; }
      if (field.name === "tag") {
        field.checked = (sent.tags || []).indexOf(field.value) >= 0;
      } else if (field.type === "radio" || field.type === "checkbox") {
        field.checked = String(sent[field.name]) === field.value;
      } else if (field.name === "effective") {
        field.value = LOCAL_TIME.test(sent.effective) ? sent.effective : "";
      } else {
        field.value = sent[field.name];
      }
    });
  }

  function retry(id) {
    request("POST", "entries/retry?id=" + encodeURIComponent(id), null, null).then(function (response) {
      if (response.ok) { entries[id].state = "pending"; entries[id].reason = ""; render(); schedulePoll(500); }
    });
  }

  function discard(id) {
    if (!window.confirm("Discard this entry? It will not be saved to the EHR.")) { return; }
    request("POST", "entries/discard?id=" + encodeURIComponent(id), null, null).then(function (response) {
      if (!response.ok) { schedulePoll(500); return; }
      forget(id);
      render();
    });
  }

  // Another tab (or window) of the same session that saves an entry says so on a channel of the session's pages:
  // what this page shows is then out of date until it is reloaded. Entries the app makes itself (an alert's Flag, an
  // acknowledgement) are not announced, so they never look like another tab's.
  var channel = null;
  function otherTab() {
    var notice = document.getElementById("other-tab");
    if (notice) { notice.hidden = false; }
  }

  function announceSaved() {
    if (channel) { channel.postMessage("entry-saved"); }
  }

  var pollTimer = null;
  function schedulePoll(after) {
    if (pollTimer) { clearTimeout(pollTimer); }
    pollTimer = setTimeout(poll, after);
  }

  function poll() {
    pollTimer = null;
    request("GET", "entries/status", undefined, null).then(function (response) {
      if (response.status === 401) { ended = true; render(); schedulePoll(15000); return null; }
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (!answer) { return; }
      ended = false;
      answer.entries.forEach(function (s) {
        var e = entries[s.id];
        if (!e) {
          e = entries[s.id] = {id: s.id, text: "", acked: true};
          order.push(s.id);
        }
        e.acked = true; e.state = s.state; e.reason = s.reason || "";
        e.label = s.label; e.at = s.at; e.retryable = s.retryable;
      });
      remember();
      render();
      var busy = order.some(function (id) { return entries[id].acked && entries[id].state === "pending"; });
      schedulePoll(busy ? 2000 : 10000);
    }).catch(function () { schedulePoll(5000); });
  }

  function submit(event) {
    event.preventDefault();
    var form = event.target;
    var data = {id: window.kapNewEntryId(), kind: form.getAttribute("data-kind")};
    var tags = [];
    // Every value goes as typed, numbers too: the server reads them strictly and refuses a decimal comma, which a
    // number field would have dropped (12,5 became 125).
    new FormData(form).forEach(function (value, name) {
      if (name === "tag") { tags.push(value); } else if (name !== "csrf") { data[name] = String(value).trim(); }
    });
    if (form.querySelector("input[name=tag]")) { data.tags = tags; }
    // A typed time is the clinic's wall-clock time, read in the clinic's zone by the server; none is "now".
    data.effective = data.effective || new Date().toISOString();
    var text = form.getAttribute("data-label") || "Entry";
    if (data.text) { text = data.text; } else {
      text += " " + Array.prototype.map.call(form.querySelectorAll("input[inputmode], select"), function (f) {
        return f.options ? f.options[f.selectedIndex].text : f.value;
      }).join(" ");
    }
    var body = JSON.stringify(data);
    entries[data.id] = {id: data.id, text: text, state: "pending", acked: false, body: body, form: form.id};
    order.push(data.id);
    remember();
    var problems = document.getElementById(form.id + "-problems");
    if (problems) { problems.hidden = true; }
    var confirm = document.getElementById(form.id + "-confirm");
    if (confirm) { confirm.hidden = true; }
    form.reset();
    setNow(form);
    render();
    send(data.id, 500);
  }

  // Only a time the form asks for up front (the dose's "given at") is filled in; an empty time (a note, a late
  // reading left alone) is the moment of saving, set in submit().
  function setNow(form) {
    var now = clinicNow();
    form.querySelectorAll("input[name=effective][data-default-now]").forEach(function (input) {
      input.value = now;
    });
  }

  // Now as the clinic's clock shows it (YYYY-MM-DDTHH:MM), whatever zone the tablet is set to.
  function clinicNow() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {timeZone: zone || undefined, year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"}).formatToParts(new Date())
      .forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day + "T" + parts.hour + ":" + parts.minute;
  }

  function start() {
    var root = document.getElementById("entry-root");
    if (!root) { return; }
    base = root.getAttribute("data-base");
    csrf = root.getAttribute("data-csrf");
    zone = root.getAttribute("data-zone");
    if (window.BroadcastChannel) {
      channel = new BroadcastChannel("kap-entries " + base);
      channel.onmessage = otherTab;
    }
    path = root.getAttribute("data-path");
    list = document.getElementById("entries");
    sync = document.getElementById("sync");
    STORE_KEY = "kap-unacknowledged:" + base;
    document.addEventListener("submit", function (event) {
      if (event.target.classList && event.target.classList.contains("entry-form")) { submit(event); }
    });
    document.addEventListener("click", answerFurther);
    document.querySelectorAll("form.entry-form").forEach(setNow);
    document.addEventListener("live-updated", function () {
      document.querySelectorAll("form.entry-form").forEach(function (form) {
        var effective = form.querySelector("input[name=effective][data-default-now]");
        if (effective && !effective.value) { setNow(form); }
      });
      render();
    });
    var saved = [];
    try { saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "[]"); } catch (ignored) { saved = []; }
    saved.forEach(function (e) {
      entries[e.id] = {id: e.id, text: e.text, state: "pending", acked: false, body: e.body, form: e.form};
      order.push(e.id);
      send(e.id, 500);
    });
    window.addEventListener("beforeunload", function (event) {
      var waiting = order.some(function (id) { return !entries[id].acked; });
      var asking = Array.prototype.some.call(document.querySelectorAll("form.entry-form"), function (form) {
        var confirm = document.getElementById(form.id + "-confirm");
        return confirm && !confirm.hidden;
      });
      if (waiting || asking) { event.preventDefault(); event.returnValue = ""; }
    });
    render();
    poll();
  }

  document.addEventListener("DOMContentLoaded", start);
}());
