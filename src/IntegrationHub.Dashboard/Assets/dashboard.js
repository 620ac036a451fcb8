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
