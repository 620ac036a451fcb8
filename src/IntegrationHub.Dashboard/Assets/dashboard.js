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
