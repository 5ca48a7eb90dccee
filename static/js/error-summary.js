// After a submit with errors: focus on the error summary, so a keyboard or screen-reader user
// starts from the list of problems (the GOV.UK pattern). Following an error link focuses the field
// with its label or legend in view, where the browser alone would put the field at the very top.
// Without JavaScript the page still works: a skip link leads to the summary, and the fields'
// scroll-margin keeps their labels in view (static/css/site.css).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) {
      return;
    }
    var fieldset = field.closest("fieldset");
    var label = document.querySelector("label[for='" + CSS.escape(field.id) + "']");
    var caption = field.type === "checkbox" || field.type === "radio"
      ? (fieldset && fieldset.querySelector("legend")) || label
      : label || (fieldset && fieldset.querySelector("legend"));
    event.preventDefault();
    (caption || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
    history.replaceState(null, "", link.hash);
  });
})();
