// The SPARQL editor page (/sparql/editor): YASGUI, served from the package, on this service's endpoint. Only this
// service is contacted: the completers that would ask other hosts (prefix.cc, LOV) are off, and nothing is kept in
// the browser's storage. Example questions open in the editor and run.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  var prefixes = config.prefixes;
  var header = Object.keys(prefixes).map(function (p) { return "PREFIX " + p + ": <" + prefixes[p] + ">"; });
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    persistenceId: null,
    yasqe: { value: config.examples.length ? config.examples[0].text : header.join("\n") + "\n\nSELECT * WHERE { ?s ?p ?o } LIMIT 10" },
    yasr: { prefixes: prefixes, defaultPlugin: "table" }
  });
  window.qualgraphEditor = yasgui;

  // YASGUI's own markup leaves a few controls without a name; name them (and keep naming them as it redraws)
  function label(selector, text) {
    Array.prototype.forEach.call(document.querySelectorAll("#yasgui " + selector), function (el) {
      if (!el.getAttribute("aria-label")) { el.setAttribute("aria-label", text); }
    });
  }
  function mend() {
    label("textarea", "SPARQL query");
    label("input.autocomplete", "SPARQL endpoint");
    label("select.tableSizer", "Rows per page");
    Array.prototype.forEach.call(document.querySelectorAll("#yasgui .CodeMirror-scroll"), function (el) {
      if (el.getAttribute("tabindex") !== "0") { el.setAttribute("tabindex", "0"); }  // it scrolls: reach it by keyboard
    });
  }
  mend();
  new MutationObserver(mend).observe(document.getElementById("yasgui"), { childList: true, subtree: true });
  Array.prototype.forEach.call(document.querySelectorAll("[data-example]"), function (button) {
    button.addEventListener("click", function () {
      var yasqe = yasgui.getTab().getYasqe();
      yasqe.setValue(config.examples[Number(button.getAttribute("data-example"))].text);
      yasqe.query();
    });
  });
}());
