// The query page (/sparql in a browser): YASGUI, served from the package, on this service's endpoint. Only this
// service is contacted: the prefixes come from /api/prefixes (not prefix.cc), the completers that would ask
// other hosts (LOV) are off, and nothing is kept in the browser's storage. The IRIs of a result are shown with
// their labels, looked up at /api/labels (at most config.labels.max at a time). Example questions open in the
// editor and run; ?example=NAME opens one, &run=1 runs it, #query=TEXT opens any query (YASGUI's share link).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  var prefixes = config.prefixes;
  var header = Object.keys(prefixes).map(function (p) { return "PREFIX " + p + ": <" + prefixes[p] + ">"; });
  var starter = header.join("\n") + "\n\n# The frameworks and their names\nSELECT ?framework ?label WHERE {\n" +
    "  ?framework a qg:QualificationsFramework ;\n             skos:prefLabel ?label .\n" +
    "  FILTER (LANGMATCHES(LANG(?label), \"en\"))\n} ORDER BY ?label\n";
  var chosen = config.selected !== null && config.selected !== undefined ? config.examples[config.selected] : null;

  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.prefixCcApi = config.prefixesUrl;  // the graph's own prefixes, from this service
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    persistenceId: null,
    yasqe: { value: chosen ? chosen.text : starter, persistenceId: null, prefixCcApi: config.prefixesUrl },
    yasr: { prefixes: prefixes, defaultPlugin: "table", persistenceId: null }
  });
  window.qualgraphEditor = yasgui;

  // -- labels beside the IRIs of a result -----------------------------------------------------------------
  var labels = {};  // IRI -> label, or "" when the service has none
  var languages = {};  // IRI -> the label's language tag
  function decorate() {
    Array.prototype.forEach.call(document.querySelectorAll("#yasgui .yasr td a.iri"), function (a) {
      var iri = a.getAttribute("href");
      if (a.getAttribute("data-labelled") || !labels[iri]) { return; }
      a.setAttribute("data-labelled", "yes");
      var span = document.createElement("span");
      span.className = "iri-label";
      if (languages[iri]) { span.setAttribute("lang", languages[iri]); }
      span.textContent = labels[iri];
      a.parentNode.insertBefore(span, a.nextSibling);
    });
  }
  function lookUp(results) {
    if (!results || typeof results.getBindings !== "function") { return; }
    var wanted = [], seen = {};
    (results.getBindings() || []).some(function (row) {
      Object.keys(row).forEach(function (name) {
        var term = row[name];
        if (term && term.type === "uri" && !(term.value in labels) && !seen[term.value]
            && wanted.length < config.labels.max) {
          seen[term.value] = true;
          wanted.push(term.value);
        }
      });
      return wanted.length >= config.labels.max;  // the first ones, as the table shows them first
    });
    if (!wanted.length) { decorate(); return; }
    fetch(config.labels.url, {
      method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ iris: wanted, lang: config.labels.lang })
    }).then(function (answer) { return answer.ok ? answer.json() : null; }).then(function (found) {
      if (!found) { return; }
      wanted.forEach(function (iri) {
        labels[iri] = found.labels[iri] || "";
        languages[iri] = (found.languages || {})[iri] || "";
      });
      decorate();
    }).catch(function () { /* names are a help, not the answer: the table stands without them */ });
  }
  yasgui.on("queryResponse", function (instance, tab) {
    var yasr = tab.getYasr();
    // the results are parsed when YASR draws them; look up once they are
    setTimeout(function () { lookUp(yasr.results); }, 0);
  });

  // YASGUI's own markup leaves a few controls without a name; name them (and keep naming them as it redraws),
  // and label the IRIs of each page of the table as it is drawn
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
    decorate();
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
  if (config.run) { yasgui.getTab().getYasqe().query(); }
}());
