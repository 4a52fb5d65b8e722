/* archgen gallery: filters and search on the index, variant tabs and the component
   inspector on pattern pages. Pages read fine without it; it only enhances them.
   Everything it needs is inlined in the page, since browsers fetch nothing from file://. */
(function () {
  "use strict";

  function initFilters() {
    var form = document.getElementById("filters");
    if (!form) return;
    var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
    var shown = document.getElementById("shown");
    var none = document.getElementById("none");
    form.hidden = false;
    function has(list, value) { return list.split(" ").indexOf(value) >= 0; }
    function apply() {
      var category = form.elements.category.value;
      var kind = form.elements.kind.value;
      var topic = form.elements.topic.value;
      var words = form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var count = 0;
      cards.forEach(function (card) {
        var d = card.dataset;
        var ok = (!category || d.category === category) &&
          (!kind || has(d.kinds, kind)) && (!topic || has(d.topics, topic)) &&
          words.every(function (w) { return d.text.indexOf(w) >= 0; });
        card.hidden = !ok;
        if (ok) count += 1;
      });
      shown.textContent = count + " of " + cards.length + " patterns shown";
      none.hidden = count > 0;
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }

  function initTabs() {
    document.querySelectorAll("[data-tabs]").forEach(function (box) {
      var list = box.querySelector("[role=tablist]");
      if (!list) return;
      var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
      list.hidden = false;
      function select(tab, focus) {
        tabs.forEach(function (t) {
          var on = t === tab;
          t.setAttribute("aria-selected", on ? "true" : "false");
          t.tabIndex = on ? 0 : -1;
          document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
        });
        if (focus) tab.focus();
      }
      tabs.forEach(function (tab, i) {
        tab.addEventListener("click", function () { select(tab, false); });
        tab.addEventListener("keydown", function (event) {
          var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
          if (step) select(tabs[(i + step + tabs.length) % tabs.length], true);
        });
      });
      select(tabs[0], false);
    });
  }

  function initInspector() {
    var source = document.getElementById("components-data");
    var panel = document.getElementById("inspector");
    if (!source || !panel) return;
    var data = JSON.parse(source.textContent);
    var title = document.getElementById("inspector-title");
    var kind = document.getElementById("inspector-kind");
    var list = document.getElementById("inspector-resources");
    var codeLink = document.getElementById("inspector-code");
    var sectionLink = document.getElementById("inspector-section");
    var marked = [];

    function show(id, node) {
      var comp = data[id];
      marked.forEach(function (el) { el.classList.remove("selected", "line-target"); });
      marked = [];
      title.textContent = comp.label;
      kind.textContent = comp.kind + (comp.external ? ": outside the stack, deploys nothing" :
        ": " + comp.resources.length + " CloudFormation resource(s)");
      list.textContent = "";
      comp.resources.forEach(function (res) {
        var item = document.createElement("li");
        var code = document.createElement("code");
        code.textContent = res.logicalId;
        item.appendChild(code);
        item.appendChild(document.createTextNode(": " + res.type));
        list.appendChild(item);
      });
      panel.dataset.component = id;
      panel.hidden = false;
      sectionLink.href = "#component-" + id;
      var section = document.getElementById("component-" + id);
      if (section) { section.classList.add("selected"); marked.push(section); }
      if (node) { node.classList.add("selected"); marked.push(node); }
      var line = comp.line ? document.getElementById("code-" + comp.line) : null;
      codeLink.hidden = !line;
      if (line) {
        codeLink.href = "#code-" + comp.line;
        var text = line.nextElementSibling;
        if (text) { text.classList.add("line-target"); marked.push(text); }
        line.scrollIntoView({ block: "start" });
      }
    }

    document.querySelectorAll(".diagram-built g.node").forEach(function (node) {
      var label = node.querySelector("title");
      var id = label && label.textContent;
      if (!id || !data[id]) return;
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", "Show the resources of " + data[id].label);
      node.addEventListener("click", function () { show(id, node); });
      node.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); show(id, node); }
      });
    });
    panel.querySelector(".close").addEventListener("click", function () { panel.hidden = true; });
  }

  initFilters();
  initTabs();
  initInspector();
})();
