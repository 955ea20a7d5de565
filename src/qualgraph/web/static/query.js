// The query page: load an example, run the query against the SPARQL endpoint (POST), show the answer.
// Our own code, no library: a SELECT becomes a table, an ASK a sentence, a CONSTRUCT its Turtle text.
(function () {
  "use strict";
  var script = document.getElementById("query-config");
  var endpoint = script.getAttribute("data-endpoint");
  var autorun = script.getAttribute("data-autorun") === "yes";
  var names = JSON.parse(document.getElementById("examples").textContent);
  var texts = JSON.parse(document.getElementById("texts").textContent);
  var descriptions = JSON.parse(document.getElementById("descriptions").textContent);
  var query = document.getElementById("query");
  var status = document.getElementById("status");
  var errorBox = document.getElementById("error");
  var results = document.getElementById("results");

  function updateDownloads() {
    var q = encodeURIComponent(query.value);
    document.getElementById("download").href = endpoint + "?format=csv&query=" + q;
    document.getElementById("download-json").href = endpoint + "?format=json&query=" + q;
    document.getElementById("download-ttl").href = endpoint + "?format=turtle&query=" + q;
  }

  function cellNode(cell) {
    var td = document.createElement("td");
    if (!cell) { return td; }
    if (cell.type === "uri") {
      var a = document.createElement("a");
      var local = "https://w3id.org/qualgraph/";
      a.href = cell.value.indexOf(local) === 0 ? "/" + cell.value.slice(local.length) : cell.value;
      a.textContent = cell.value;
      td.appendChild(a);
    } else {
      td.textContent = cell.value;
      if (cell["xml:lang"]) {
        td.lang = cell["xml:lang"];
        td.title = "language: " + cell["xml:lang"];
      }
    }
    return td;
  }

  function showTable(data) {
    var vars = data.head.vars, rows = data.results.bindings;
    var table = document.createElement("table");
    table.id = "result-table";
    var caption = table.createCaption();
    caption.textContent = rows.length + (rows.length === 1 ? " result" : " results");
    var head = table.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = v;
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cellNode(row[v])); });
    });
    results.appendChild(table);
  }

  function showError(text) {
    errorBox.hidden = false;
    errorBox.textContent = text;
    status.textContent = "";
  }

  function run(event) {
    if (event) { event.preventDefault(); }
    errorBox.hidden = true;
    results.textContent = "";
    status.textContent = "running…";
    updateDownloads();
    history.replaceState(null, "", "#query=" + encodeURIComponent(query.value));
    var started = Date.now();
    fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9"
      },
      body: "query=" + encodeURIComponent(query.value)
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) {
          var what = response.status === 400 ? "The query has an error" :
            response.status === 503 ? "The query took too long or the service is busy" : "The query failed";
          showError(what + " (HTTP " + response.status + "):\n" + text);
        });
      }
      var type = response.headers.get("Content-Type") || "";
      var capped = response.headers.get("X-SPARQL-MaxRows");
      var took = function () {
        return " in " + (Date.now() - started) + " ms" + (capped ? " (cut at " + capped + " rows)" : "");
      };
      if (type.indexOf("json") < 0) {
        return response.text().then(function (text) {
          var pre = document.createElement("pre");
          pre.id = "result-graph";
          pre.textContent = text;
          results.appendChild(pre);
          status.textContent = "graph" + took();
        });
      }
      return response.json().then(function (data) {
        if (typeof data.boolean === "boolean") {
          var p = document.createElement("p");
          p.id = "result-boolean";
          p.textContent = "Answer: " + (data.boolean ? "yes (true)" : "no (false)");
          results.appendChild(p);
          status.textContent = "answered" + took();
          return;
        }
        showTable(data);
        status.textContent = data.results.bindings.length + " rows" + took();
      });
    }).catch(function (error) {
      showError("The endpoint could not be reached: " + error.message);
    });
  }

  document.getElementById("example").addEventListener("change", function (event) {
    var i = names.indexOf(event.target.value);
    if (i < 0) { return; }
    query.value = texts[i];
    document.getElementById("about").textContent = descriptions[i];
    updateDownloads();
  });
  document.getElementById("editor").addEventListener("submit", run);
  query.addEventListener("input", updateDownloads);
  query.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { run(event); }
  });
  if (location.hash.indexOf("#query=") === 0) {
    query.value = decodeURIComponent(location.hash.slice(7));
  }
  updateDownloads();
  if (autorun) { run(); }
}());
