// Saves a form as one entry: the entry id in the form's hidden field is made once by the page and resent unchanged on
// every retry; shows saving / saved / failed with a retry, and warns before leaving (reload, navigation, closing)
// while an answer has changed since the last save KAP Companion received, or a save is not received. Sending the form
// itself ("Check the checklist") keeps the answers and does not warn. Once saved, the page's parts named in the form's
// data-refresh (element ids) are read again from the server. A form saved by sending it (data-warn-unsaved, e.g. the
// discharge checklist) gets the same warning: its answers count as saved only once it is sent.
(function () {
  "use strict";

  // Counts the form's answer changes and warns before leaving while some are not saved (or a save is not received);
  // sending the form itself does not warn. A form marked data-unsaved starts with its answers unsaved (a sent form
  // shown again). Returns the count, which a save updates: {edits, savedEdits, sending}.
  function watchUnsaved(form) {
    var state = {edits: form.hasAttribute("data-unsaved") ? 1 : 0, savedEdits: 0, sending: false};
    var submitting = false;
    form.addEventListener("input", function () { state.edits++; });
    form.addEventListener("change", function () { state.edits++; });
    form.addEventListener("submit", function (event) {
      if (!event.submitter || !event.submitter.hasAttribute("data-save")) { submitting = !event.defaultPrevented; }
    });
    window.addEventListener("beforeunload", function (event) {
      var unsaved = state.edits !== state.savedEdits || state.sending;
      if (unsaved && !submitting) { event.preventDefault(); event.returnValue = ""; }
    });
    return state;
  }

  function setUp(form) {
    var unsaved = watchUnsaved(form);
    var base = form.getAttribute("data-base");
    var csrf = form.getAttribute("data-csrf");
    var status = form.querySelector("#save-status");
    var retryButton = form.querySelector("#save-retry");
    var next = form.querySelector("#save-next");
    var entryField = form.querySelector("[data-entry-id]");
    var current = null;  // {id, body, acked, status, edits, retry: function}
    var pollTimer = null;

    function show(state, words) {
      status.setAttribute("data-state", state);
      status.textContent = words;
    }

    function request(method, url, body) {
      var headers = {"X-CSRF-Token": csrf, "Accept": "application/json"};
      if (body) { headers["Content-Type"] = "application/x-www-form-urlencoded"; }
      return fetch(url, {method: method, headers: headers, body: body, credentials: "same-origin", cache: "no-store"});
    }

    function notReceived() {
      unsaved.sending = true;
      show("failed", "Failed: not received by KAP Companion. Your answers are still on this page.");
      current.retry = send;
      retryButton.hidden = false;
    }

    function send() {
      unsaved.sending = true;
      retryButton.hidden = true;
      show("saving", "Saving…");
      request("POST", form.getAttribute("data-save-url"), current.body).then(function (response) {
        if (response.status === 200) {
          return response.json().then(received);
        }
        if (response.status === 422) {
          return response.json().then(function (answer) {
            current = null;
            unsaved.sending = false;
            show("invalid", answer.error + " " + (answer.problems || []).join(" "));
          });
        }
        if (response.status === 400 || response.status === 413 || response.status === 415) {
          return response.json().then(function (answer) {
            current = null;
            unsaved.sending = false;
            show("invalid", "Not saved: " + answer.error + " Your answers are still on this page.");
            if (window.kapShowRefusal) { window.kapShowRefusal(form, answer); }
          });
        }
        notReceived();
        return null;
      }).catch(notReceived);
    }

    function received(answer) {
      current.acked = true;
      unsaved.sending = false;
      unsaved.savedEdits = current.edits;
      current.status = answer.status;
      entryField.value = window.kapNewEntryId();
      show("pending", "Saved in KAP Companion (" + words(answer.status) + "), sending to the EHR…");
      if (next && answer.status === "completed") { next.hidden = false; }
      poll();
    }

    function words(state) {
      return state === "completed" ? "complete" : "draft: not complete yet";
    }

    function poll() {
      if (pollTimer) { clearTimeout(pollTimer); }
      pollTimer = setTimeout(function () {
        var saving = current;
        request("GET", base + "entries/status", null).then(function (response) {
          return response.ok ? response.json() : null;
        }).then(function (answer) {
          var entry = answer && answer.entries.filter(function (e) { return e.id === saving.id; })[0];
          if (!entry || entry.state === "pending") { poll(); return; }
          if (entry.state === "saved") {
            show("saved", "Saved to the EHR (" + words(saving.status) + ").");
            refresh();
            return;
          }
          show("failed", "Failed: " + (entry.reason || "the EHR did not accept it") + ".");
          saving.retry = function () {
            retryButton.hidden = true;
            show("pending", "Sending to the EHR again…");
            request("POST", base + "entries/retry?id=" + encodeURIComponent(saving.id), null).then(poll, poll);
          };
          retryButton.hidden = false;
        }).catch(poll);
      }, 700);
    }

    function refresh() {
      var ids = (form.getAttribute("data-refresh") || "").split(" ").filter(function (id) { return id; });
      if (!ids.length) { return; }
      fetch(location.href, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html === null) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        ids.forEach(function (id) {
          var shown = document.getElementById(id);
          var read = fresh.getElementById(id);
          if (shown && read) { shown.replaceWith(read); }
        });
      }).catch(function () { /* the saved answers stay in the form; the summary updates on the next visit */ });
    }

    form.addEventListener("submit", function (event) {
      if (!event.submitter || !event.submitter.hasAttribute("data-save")) { return; }
      event.preventDefault();
      if (current && !current.acked) { return; }
      current = {id: entryField.value, body: new URLSearchParams(new FormData(form)).toString(), acked: false,
        edits: unsaved.edits};
      if (next) { next.hidden = true; }
      send();
    });
    retryButton.addEventListener("click", function () {
      if (current && current.retry) { current.retry(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-save-url]"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-warn-unsaved]"), watchUnsaved);
  });
}());
