// Charts: every element with data-vega-json (a Vega-Lite spec) is rendered by vega-embed.
// Vega's expression interpreter replaces its code generator, so no eval or new Function is
// needed and the Content-Security-Policy can forbid them.
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";
// Norwegian number and date formats («2 500», «12,5 %», «mars 2026»), the same file the
// documents' charts use (laget/charts/render.py).
import locale from "../charts/nb_NO.json";

function render(element) {
  if (!element.dataset.vegaJson || element.dataset.vegaRendered) return;
  element.dataset.vegaRendered = "true";
  const spec = JSON.parse(element.dataset.vegaJson);
  embed(element, spec, {
    ast: true,
    expr: expressionInterpreter,
    actions: false,
    renderer: "svg",
    defaultStyle: false,
    // vega-tooltip would inject a <style> element, which the CSP forbids; its rules live in
    // laget.css instead.
    tooltip: { disableDefaultStyle: true },
    i18n: { PNG_ACTION: "Last ned PNG", SVG_ACTION: "Last ned SVG" },
    formatLocale: locale.number,
    timeFormatLocale: locale.time,
  }).then((result) => {
    // The SVG is an image whose text alternative is the spec's description; the same numbers
    // are in a table next to it.
    const svg = result.view.container()?.querySelector("svg");
    if (svg) {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", spec.description || spec.title?.text || "Diagram");
    }
    element.dataset.vegaReady = "true";
  }).catch((error) => {
    element.textContent = "Diagrammet kunne ikke vises. Tallene står i tabellen.";
    console.error(error);
  });
}

function renderAll(root) {
  root.querySelectorAll("[data-vega-spec]").forEach(render);
}

document.addEventListener("DOMContentLoaded", () => renderAll(document));
document.addEventListener("htmx:afterSwap", (event) => renderAll(event.detail.target));
