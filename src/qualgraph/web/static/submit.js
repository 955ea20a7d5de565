// The upload form (/submit): check files with POST /api/validate and show the report under the form; with the
// agency's token, submit them with POST /api/submissions. The token is read from the field when the button is
// pressed and sent only as an Authorization header; nothing is stored. Without this script the form still
// checks (it posts to /api/validate and the browser shows the report).
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var files = document.getElementById("file");
  var token = document.getElementById("token");
  var name = document.getElementById("name");
  var submit = document.getElementById("submit");
  var outcome = document.getElementById("outcome");
  var body = document.getElementById("outcome-body");

  function enable() { submit.disabled = !(files.files.length && token.value.trim()); }
  files.addEventListener("change", enable);
  token.addEventListener("input", enable);
  enable();

  function show(status, html) {
    // the report is one of our own pages: keep its main content (headings, findings), not its <head>
    var doc = new DOMParser().parseFromString(html, "text/html");
    body.replaceChildren();
    var verdict = document.createElement("p");
    verdict.className = "http-status";
    verdict.textContent = "HTTP " + status;
    body.appendChild(verdict);
    Array.prototype.forEach.call(doc.body.children, function (node) {
      if (node.tagName === "H1") {
        var h = document.createElement("h3");
        h.textContent = node.textContent;
        body.appendChild(h);
      } else if (node.tagName !== "SCRIPT") {
        body.appendChild(document.importNode(node, true));
      }
    });
    outcome.hidden = false;
    outcome.focus();
  }

  function send(url, headers) {
    var data = new FormData();
    Array.prototype.forEach.call(files.files, function (f) { data.append("file", f, f.name); });
    headers.Accept = "text/html";
    body.textContent = "Working…";
    outcome.hidden = false;
    return fetch(url, { method: "POST", body: data, headers: headers })
      .then(function (r) { return r.text().then(function (t) { show(r.status, t); }); })
      .catch(function (e) { body.textContent = "The request failed: " + e; });
  }

  outcome.tabIndex = -1;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!form.reportValidity()) { return; }
    send("/api/validate", {});
  });
  submit.addEventListener("click", function () {
    if (!form.reportValidity()) { return; }
    var url = "/api/submissions" + (name.value.trim() ? "?name=" + encodeURIComponent(name.value.trim()) : "");
    send(url, { Authorization: "Bearer " + token.value.trim() });
  });
}());
