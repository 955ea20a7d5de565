// Suggestions for the level fields (the compare form's "from"): typing "Irish 8", "NFQ 8" or "ie-nfq:8" lists the
// levels /api/search finds; choosing one writes its id (ie-nfq:8) into the field. A combobox as WAI-ARIA describes
// it: arrow keys move through the list, Enter chooses, Escape closes. Without this script the field still takes
// words, and the server reads them the same way.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("input[data-level-field]"), function (input) {
    var list = document.createElement("ul");
    list.id = input.id + "-options";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Levels that match");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    var active = -1, timer = null, asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function mark(i) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (i + options.length) % options.length;
      Array.prototype.forEach.call(options, function (o, j) { o.setAttribute("aria-selected", String(j === active)); });
      input.setAttribute("aria-activedescendant", options[active].id);
    }
    function choose(option) {
      input.value = option.getAttribute("data-id");
      close();
    }
    function show(hits) {
      list.replaceChildren();
      hits.forEach(function (h, i) {
        var li = document.createElement("li");
        li.id = input.id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-id", h.id);
        li.textContent = (h.framework ? h.framework + " – " : "") + h.name + " (" + h.id + ")";
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(li); });
        list.appendChild(li);
      });
      list.hidden = !hits.length;
      input.setAttribute("aria-expanded", String(!!hits.length));
      active = -1;
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      timer = setTimeout(function () {
        asked = text;
        fetch("/api/search?kind=level&limit=8&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (hits) { if (asked === input.value.trim()) { show(hits); } })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); mark(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(active - 1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        choose(list.querySelectorAll("[role=option]")[active]);
      }
    });
    input.addEventListener("blur", close);
  });
}());
