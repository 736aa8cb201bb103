// Shows and enables a form's conditional questions (data-enable-when: their Questionnaire's enableWhen) as soon as
// the answers they depend on are given, without waiting for the server. A question that depends on an answer the page
// has no field for (one KAP Companion fills in) stays as the server last rendered it. A server update that arrives
// after newer answers were given (htmx out-of-band swaps) is corrected at once, before the next update is asked for.
// An answer given before this script ran is not lost: every form is evaluated as soon as it runs.
(function () {
  "use strict";

  // The answers given to a question, or null when the form has no field for it; disabled fields give none.
  function answers(form, name) {
    var found = null;
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name !== name) { return; }
      found = found || [];
      var chosen = (element.type !== "radio" && element.type !== "checkbox") || element.checked;
      if (chosen && element.value !== "" && !element.matches(":disabled")) { found.push(element.value); }
    });
    return found;
  }

  function holds(condition, given) {
    var expected = condition.answer;
    var same = given.some(function (value) {
      return value === expected || (expected.charAt(0) === "|" && value.slice(-expected.length) === expected);
    });
    if (condition.operator === "exists") { return (expected === "true") === (given.length > 0); }
    if (condition.operator === "=") { return same; }
    if (condition.operator === "!=") { return given.length > 0 && !same; }
    return false;
  }

  function update(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-enable-when]"), function (wrapper) {
      var rule = JSON.parse(wrapper.getAttribute("data-enable-when"));
      var results = [];
      var known = rule.when.every(function (condition) {
        var given = answers(form, condition.question);
        if (given !== null) { results.push(holds(condition, given)); }
        return given !== null;
      });
      if (!known) { return; }
      var asked = rule.any ? results.indexOf(true) >= 0 : results.indexOf(false) < 0;
      wrapper.hidden = !asked;
      wrapper.disabled = !asked;
    });
  }

  function updateAround(element) {
    var form = element && element.closest ? element.closest("form") : null;
    if (form && form.querySelector("[data-enable-when]")) { update(form); }
  }

  function updateAll() {
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
      if (form.querySelector("[data-enable-when]")) { update(form); }
    });
  }

  // Listeners on the document, attached as soon as this script runs, catch every later answer; the answers given
  // while the page's scripts were still loading (or restored by the browser) are evaluated when it runs, when the
  // document is ready and when the page is shown again.
  document.addEventListener("change", function (event) { updateAround(event.target); });
  document.addEventListener("input", function (event) { updateAround(event.target); });
  document.addEventListener("htmx:oobAfterSwap", function (event) { updateAround(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateAll);
  } else {
    updateAll();
  }
  window.addEventListener("pageshow", updateAll);
}());
