// Builds static/css/vendor/bootstrap.css: only the Bootstrap rules the portal uses, found by
// PurgeCSS in every template (the project's, crispy-forms' and allauth's) and in the Python code
// (forms' widget attributes, workflow button classes). Run by `make css`; the result is committed,
// so nothing is built or fetched when the portal runs.
//   node assets/build-css.mjs SITE_PACKAGES
import { mkdirSync, writeFileSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sitePackages = process.argv[2];
if (!sitePackages) throw new Error("usage: node assets/build-css.mjs SITE_PACKAGES");

const content = [
  "templates/**/*.html",
  "{mobilisering,cities,initiatives,trainings,handbook}/**/*.py",
  "static/js/*.js",
].map((glob) => join(root, glob));
// crispy-forms' templates for what the portal's forms use: fields, their errors and help, plain
// layout objects (not its accordions, modals, tabs or floating labels, which none of them use).
const crispy = join(sitePackages, "crispy_bootstrap5/templates/bootstrap5");
content.push(
  ...["field", "errors", "uni_form", "whole_uni_form", "display_form", "inputs", "multifield"].map(
    (name) => join(crispy, `${name}.html`),
  ),
  ...[
    "attrs", "baseinput", "button", "buttonholder", "checkboxselectmultiple_inline", "column",
    "div", "field_errors", "field_errors_block", "field_file", "fieldset", "formactions",
    "help_text", "help_text_and_errors", "multifield", "radio_checkbox_select",
    "radioselect_inline", "row",
  ].map((name) => join(crispy, "layout", `${name}.html`)),
  // allauth's own element templates, for the account pages the portal does not override.
  join(sitePackages, "allauth/templates/allauth/elements/*.html"),
);

const [result] = await new PurgeCSS().purge({
  content,
  css: [join(sitePackages, "bootstrap/static/bootstrap/css/bootstrap.min.css")],
  // Tokens such as "col-lg-{% if … %}2" are split by the extractor; keep the grid whole.
  safelist: { standard: ["col-lg-2", "col-lg-3"] },
  // Bootstrap's `.was-validated` and friends sit behind attribute selectors: keep those.
  fontFace: false,
  keyframes: true,
  variables: false,
});

const out = join(root, "static/css/vendor");
mkdirSync(out, { recursive: true });
const header = "/* Bootstrap 5.3 (MIT), only the rules the portal uses: built by `make css`. */\n";
writeFileSync(join(out, "bootstrap.css"), header + result.css.replace(/\/\*# sourceMappingURL=.*?\*\//, ""));

// The portal's typeface: Public Sans, a variable font (weights 100–900) made for public-service
// sites; only its Latin subset, which covers Swedish and English.
const fonts = join(root, "static/fonts");
mkdirSync(fonts, { recursive: true });
const files = join(root, "assets/node_modules/@fontsource-variable/public-sans/files");
for (const style of ["normal", "italic"]) {
  const name = `public-sans-latin-wght-${style}.woff2`;
  copyFileSync(join(files, name), join(fonts, name));
}
