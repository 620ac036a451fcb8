// Progressive enhancement only: every page works without this file.
document.addEventListener("click", function (e) {
  var target = e.target.closest("[data-confirm]");
  if (target && !window.confirm(target.getAttribute("data-confirm"))) {
    e.preventDefault();
  }
});
// Auto-submit filter selects so the URL (and a shareable link) follows the filter.
document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
  s.addEventListener("change", function () { s.form.submit(); });
});
// The integration editor shows only the auth fields of the chosen kind (all of them without script).
(function () {
  var kind = document.getElementById("Form_AuthKind");
  if (!kind) { return; }
  var apply = function () {
    document.querySelectorAll("[data-auth]").forEach(function (el) {
      el.hidden = el.getAttribute("data-auth").split(",").indexOf(kind.value) < 0;
    });
  };
  kind.addEventListener("change", apply);
  apply();
})();
// Live parts: a page part marked data-live="seconds" is fetched again in the background and swapped
// in place, so a log being delivered, the logs list and the queue follow without a reload. A part
// stops when the fresh copy no longer asks for it (a log that reached SUCCESS or FAIL); it waits
// while the tab is hidden or someone is typing in it or has a confirmation open.
(function () {
  var live = document.querySelector("[data-live]");
  if (!live) { return; }
  var seconds = Math.max(1, Number(live.getAttribute("data-live")) || 5);
  var schedule = function () { window.setTimeout(tick, seconds * 1000); };
  var busy = function () {
    var active = document.activeElement;
    return document.hidden || live.querySelector("details[open]") ||
      (active && live.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName));
  };
  var tick = function () {
    if (busy()) { schedule(); return; }
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "live" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live-part]");
          if (fresh) { live.replaceWith(fresh); live = fresh; }
        }
        if (live.hasAttribute("data-live")) { schedule(); }
      })
      .catch(schedule);
  };
  schedule();
})();
// The integration editor: only the payload fields of the chosen format, the template variables of
// the chosen action, and each refused field's problem shown under the field itself.
(function () {
  var toggle = function (selectId, attribute) {
    var select = document.getElementById(selectId);
    if (!select) { return; }
    var apply = function () {
      document.querySelectorAll("[" + attribute + "]").forEach(function (el) {
        el.hidden = el.getAttribute(attribute).split(",").indexOf(select.value) < 0;
      });
    };
    select.addEventListener("change", apply);
    apply();
  };
  toggle("Form_PayloadFormat", "data-format");
  toggle("Form_ActionId", "data-action-ref");
  document.querySelectorAll("li[data-for]").forEach(function (li) {
    var field = li.getAttribute("data-for") && document.getElementById(li.getAttribute("data-for"));
    if (!field) { return; }
    field.classList.add("invalid");
    var note = document.createElement("div");
    note.className = "field-error";
    note.textContent = li.textContent.replace(/^\S+: /, "");
    field.insertAdjacentElement("afterend", note);
  });
})();
// Copy buttons for a secret or key shown once.
document.addEventListener("click", function (e) {
  var button = e.target.closest("[data-copy]");
  if (!button || !navigator.clipboard) { return; }
  navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () { button.textContent = "Copied"; });
});
