// The app's input rule (web/InputRule), checked here before a form is sent so that nothing typed is lost: no
// invisible control characters or text-direction controls, tabs and line breaks only in multi-line fields
// (textareas), at most 10,000 characters. The server enforces the same rule and answers 400 naming the field; a
// refusal from the server (an htmx request, or a page script calling kapShowRefusal) is shown the same way, beside
// the field, with the offending character selected. The form keeps what was typed. A value the server refuses on a
// form's live re-check (its problem note next to the field, updated by htmx) marks the field itself as the page
// rendered with the refusal does: invalid, described by its note; correcting it clears the mark.
(function () {
  "use strict";
  var LONGEST = 10000;
  var ALWAYS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;
  var ONE_LINE = /[\t\n\r]/;

  function hex(character) {
    return "U+" + ("000" + character.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
  }

  // Why a field's value is refused, and where: {message, at} or null.
  function breach(field) {
    var value = field.value || "";
    if (value.length > LONGEST) {
      return {message: "is longer than 10,000 characters (" + value.length + "): shorten it", at: LONGEST};
    }
    var multiLine = field.tagName === "TEXTAREA";
    for (var i = 0; i < value.length; i++) {
      var c = value.charAt(i);
      if (ONE_LINE.test(c) && !multiLine) {
        return {message: "holds a tab or line break (" + hex(c) + ") at character " + (i + 1)
          + ", which this one-line field does not take: delete it", at: i};
      }
      if (ALWAYS.test(c)) {
        return {message: "holds an invisible " + (c >= "\u202A" && c <= "\u2069" ? "text-direction control" : "control character")
          + " (" + hex(c) + ") at character " + (i + 1) + ": delete it (retype the text around it, or paste it as plain text)",
          at: i};
      }
    }
    return null;
  }

  function label(form, field) {
    var named = field.id && form.querySelector("label[for='" + field.id + "']");
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    return (named || legend || {textContent: field.name}).textContent.trim();
  }

  function clear(form) {
    Array.prototype.forEach.call(form.querySelectorAll(".refused"), function (note) { note.remove(); });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid=true][data-refused]"), function (field) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("data-refused");
    });
  }

  function note(text) {
    var element = document.createElement("p");
    element.className = "field-problem refused";
    element.setAttribute("role", "alert");
    element.textContent = text;
    return element;
  }

  // Shows a refusal: beside its field (selecting the character when the position is known), or atop the form.
  function show(form, name, message, at) {
    clear(form);
    var field = name ? form.querySelector("[name='" + name.replace(/'/g, "\\'") + "']") : null;
    if (!field || field.type === "hidden") {
      form.insertBefore(note(message), form.firstChild);
      return;
    }
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("data-refused", "");
    field.insertAdjacentElement("afterend", note("“" + label(form, field) + "” " + message));
    field.focus();
    if (typeof at === "number" && field.setSelectionRange) {
      try { field.setSelectionRange(at, at + 1); } catch (ignored) { /* not a text field */ }
    }
  }

  function firstBreach(form) {
    var fields = Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !field.disabled && typeof field.value === "string"
        && field.type !== "radio" && field.type !== "checkbox";
    });
    for (var i = 0; i < fields.length; i++) {
      var found = breach(fields[i]);
      if (found) { return {field: fields[i], message: found.message, at: found.at}; }
    }
    return null;
  }

  // Checks a form about to be sent; shows the first breach and says whether to stop.
  function stops(form) {
    var found = form && firstBreach(form);
    if (!found) { return false; }
    show(form, found.field.name, found.message, found.at);
    return true;
  }

  // A refusal answered by the server ({error, field}), shown on the form that was sent.
  window.kapShowRefusal = function (form, answer) {
    if (!form || !answer) { return; }
    var message = answer.error || "KAP Companion did not accept what was sent.";
    if (answer.field) {
      message = message.replace(/^The field "[^"]*" /, "");
    }
    show(form, answer.field, message, null);
  };

  document.addEventListener("submit", function (event) {
    if (stops(event.target)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (stops(form)) { event.preventDefault(); }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    var answer = null;
    try { answer = JSON.parse(event.detail.xhr.responseText); } catch (ignored) { answer = null; }
    window.kapShowRefusal(form, answer || {error: "KAP Companion did not take the last change (status "
      + event.detail.xhr.status + "). What you entered is still here; change a field or save to send it again."});
  });

  function mark(field, name, value) {
    if (value === null) { field.removeAttribute(name); } else { field.setAttribute(name, value); }
  }

  // Marks each field of the form whose problem note (id "<field id>-problem") is shown, and unmarks the others.
  function markProblems(form) {
    Array.prototype.forEach.call(form.querySelectorAll(".field-problem[id$='-problem']"), function (problem) {
      var field = document.getElementById(problem.id.slice(0, -"-problem".length));
      if (!field || field.hasAttribute("data-refused")) { return; }
      var shown = !problem.hidden;
      var wrapper = field.tagName === "FIELDSET" ? field : field.closest(".field");
      if (wrapper) { wrapper.classList.toggle("has-problem", shown); }
      mark(field, "aria-describedby", shown ? problem.id : null);
      if (field.tagName !== "FIELDSET") { mark(field, "aria-invalid", shown ? "true" : null); }
    });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var form = event.target && event.target.closest ? event.target.closest("form") : null;
    if (form) { markProblems(form); }
  });

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field && field.hasAttribute && field.hasAttribute("data-refused") && field.form && !breach(field)) {
      clear(field.form);
    }
  });
}());
