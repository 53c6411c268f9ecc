// report.html: filters, search, sort and a virtual scroller over the embedded JSON block.
// Catalogue text is data: it is only ever set with textContent (never innerHTML), and a link is
// made only for an http(s) address.
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("k2d3-data").textContent);
  var S = D.strings, R = D.rows, N = R.length, SUM = D.summary;
  var VERDICTS = ["pass", "warn", "review", "fail"];
  var CRITERIA = ["form", "ratio", "carrier", "certification", "safety"];
  var STATUS = { p: "pass", w: "warn", r: "review", f: "fail", n: "n/a" };
  var STATUS_RANK = { p: 0, w: 1, r: 2, f: 3, n: -1 };
  var ROW_H = 30;
  var fmt = new Intl.NumberFormat("en-US");
  // Row layout (see src/report/html.rs): [row, sku, gtin, product, supplier, verdict, statuses,
  // d3_iu, k2_mcg, k2_per_1000_iu, facts, url, findings]; finding: [rule, status, message,
  // evidence, change, flags]. A number in a text field is an index into the string table.
  function txt(x) { return typeof x === "number" ? S[x] : x; }
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function num(x) { return x === null ? null : fmt.format(x); }
  function statusClass(word) { return "s-" + (word === "n/a" ? "na" : word); }

  // Per-row columns decoded once: supplier names and verdicts for fast filtering.
  // A row's supplier is filtered by the name its supplier is shown by: spellings of one
  // supplier are one (summary.json's supplier_names, SPEC §10).
  var shownAs = Object.create(null);
  (SUM.supplier_names || []).forEach(function (e) { e.spellings.forEach(function (s) { shownAs[s.name] = e.name; }); });
  var supplierOf = new Array(N), verdictOf = new Uint8Array(N);
  for (var i = 0; i < N; i++) {
    var sp = txt(R[i][4]).trim();
    supplierOf[i] = sp in shownAs ? shownAs[sp] : sp;
    verdictOf[i] = R[i][5];
  }
  // Search texts (SKU, GTIN, product, evidence), built in slices after the page shows, or at
  // once by the first search that comes before they are done.
  var hay = new Array(N), hayDone = 0;
  function buildHay(upTo) {
    for (; hayDone < upTo; hayDone++) {
      var r = R[hayDone], parts = [r[1], r[2], r[3]], f = r[12];
      for (var j = 0; j < f.length; j++) parts.push(f[j][3]);
      hay[hayDone] = parts.join("\n").toLowerCase();
    }
  }
  function haystack() { buildHay(N); return hay; }
  function buildHayLater() {
    buildHay(Math.min(N, hayDone + 5000));
    if (hayDone < N) setTimeout(buildHayLater, 0);
  }

  // The view: filters (a set of values per key, OR within a key, AND across keys), search,
  // sort and the opened product; all of it lives in the URL fragment.
  var KEYS = ["verdict", "criterion", "supplier", "rule", "q", "sort", "open"];
  var state = emptyState();
  function emptyState() { return { verdict: [], criterion: [], supplier: [], rule: [], q: "", sort: "", open: "" }; }
  function parseHash(h) {
    var s = emptyState();
    h.replace(/^#/, "").split("&").forEach(function (kv) {
      if (!kv) return;
      var at = kv.indexOf("="), k = at < 0 ? kv : kv.slice(0, at), v = at < 0 ? "" : kv.slice(at + 1);
      if (KEYS.indexOf(k) < 0) return;
      var vals = v.split(",").map(dec).filter(function (x) { return x !== ""; });
      if (Array.isArray(s[k])) s[k] = vals; else s[k] = vals.join(",");
    });
    return s;
  }
  function dec(v) { try { return decodeURIComponent(v.replace(/\+/g, " ")); } catch (e) { return v; } }
  function toHash(s) {
    var out = [];
    KEYS.forEach(function (k) {
      var vals = Array.isArray(s[k]) ? s[k] : (s[k] ? [s[k]] : []);
      if (vals.length) out.push(k + "=" + vals.map(encodeURIComponent).join(","));
    });
    return out.length ? "#" + out.join("&") : "";
  }
  function writeHash() {
    var h = toHash(state);
    if (h === location.hash || (!h && !location.hash)) return;
    try { history.replaceState(null, "", h || location.pathname + location.search); } catch (e) { location.hash = h; }
  }

  // Filtering.
  var order = null, shown = new Uint32Array(0);
  function matcher() {
    var tests = [];
    if (state.verdict.length) {
      var vs = state.verdict.map(function (v) { return VERDICTS.indexOf(v.toLowerCase()); });
      tests.push(function (i) { return vs.indexOf(verdictOf[i]) >= 0; });
    }
    if (state.criterion.length) {
      var cs = state.criterion.map(function (c) {
        var p = c.toLowerCase().split(":"), st = p[1] === "n/a" ? "n" : (p[1] || "").charAt(0);
        return [CRITERIA.indexOf(p[0]), st];
      });
      tests.push(function (i) {
        var st = R[i][6];
        for (var j = 0; j < cs.length; j++) if (st.charAt(cs[j][0]) === cs[j][1]) return true;
        return false;
      });
    }
    if (state.supplier.length) {
      var ss = {};
      state.supplier.forEach(function (s) { ss[s.toLowerCase()] = true; });
      tests.push(function (i) { return ss[supplierOf[i].toLowerCase()] === true; });
    }
    if (state.rule.length) {
      var rs = {};
      state.rule.forEach(function (r) { rs[r.toUpperCase()] = true; });
      tests.push(function (i) {
        var f = R[i][12];
        for (var j = 0; j < f.length; j++) if (rs[txt(f[j][0])] === true) return true;
        return false;
      });
    }
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length) {
      var h = haystack();
      tests.push(function (i) {
        for (var j = 0; j < terms.length; j++) if (h[i].indexOf(terms[j]) < 0) return false;
        return true;
      });
    }
    return tests;
  }
  function applyFilter() {
    var started = performance.now();
    var tests = matcher(), idx = sortedOrder(), out = new Uint32Array(N), n = 0;
    outer: for (var k = 0; k < N; k++) {
      var i = idx[k];
      for (var j = 0; j < tests.length; j++) if (!tests[j](i)) continue outer;
      out[n++] = i;
    }
    shown = out.subarray(0, n);
    var el = $("shown");
    el.dataset.count = String(n);
    el.textContent = fmt.format(n) + " of " + fmt.format(N) + " products";
    el.dataset.ms = (performance.now() - started).toFixed(1);
    $("spacer").style.height = Math.max(n * ROW_H, 1) + "px";
    describeActive();
    syncButtons();
    renderRows(true);
  }

  // Sorting: by any column, ascending or (with a leading "-") descending; ties keep input order.
  var COLUMNS = [
    { key: "row", label: "Row", get: function (r) { return r[0]; }, num: true },
    { key: "sku", label: "SKU", get: function (r) { return String(r[1]).toLowerCase(); } },
    { key: "product", label: "Product", get: function (r) { return String(r[3]).toLowerCase(); } },
    { key: "supplier", label: "Supplier", get: function (r) { return txt(r[4]).toLowerCase(); } },
    { key: "verdict", label: "Verdict", get: function (r) { return r[5]; }, num: true }
  ];
  CRITERIA.forEach(function (c, ci) {
    COLUMNS.push({ key: c, label: c === "certification" ? "Cert." : c.charAt(0).toUpperCase() + c.slice(1), crit: ci,
      get: function (r) { return STATUS_RANK[r[6].charAt(ci)]; }, num: true });
  });
  COLUMNS.push({ key: "d3", label: "D3 IU/day", get: function (r) { return r[7]; }, num: true, n: 7 },
    { key: "k2", label: "K2 µg/day", get: function (r) { return r[8]; }, num: true, n: 8 },
    { key: "k2per1000", label: "K2/1000 IU", get: function (r) { return r[9]; }, num: true, n: 9 },
    { key: "facts", label: "Key facts", get: function (r) { return txt(r[10]).toLowerCase(); } });
  function sortedOrder() {
    if (order && order.key === state.sort) return order.idx;
    var desc = state.sort.charAt(0) === "-", key = state.sort.replace(/^-/, "");
    var col = COLUMNS.filter(function (c) { return c.key === key; })[0];
    var idx = new Uint32Array(N);
    for (var i = 0; i < N; i++) idx[i] = i;
    if (col) {
      var keys = new Array(N);
      for (i = 0; i < N; i++) keys[i] = col.get(R[i]);
      var sign = desc ? -1 : 1;
      idx = Array.prototype.slice.call(idx).sort(function (a, b) {
        var x = keys[a], y = keys[b];
        if (x === y) return a - b;
        if (x === null || x === undefined) return 1; // unknown values last either way
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * sign;
      });
    }
    order = { key: state.sort, idx: idx };
    return idx;
  }

  // The virtual scroller: only the rows in view (and a few around) are in the DOM.
  var viewport = $("viewport"), rowsBox = $("rows"), pool = [], current = 0;
  function makeRow() {
    var r = el("div", null, "row");
    r.setAttribute("role", "row");
    r.tabIndex = -1;
    for (var c = 0; c < COLUMNS.length; c++) {
      var s = el("span");
      s.setAttribute("role", "cell");
      if (COLUMNS[c].n || COLUMNS[c].key === "row") s.className = "n";
      r.appendChild(s);
    }
    r.addEventListener("click", function () { current = +r.dataset.pos; openRow(+r.dataset.i); });
    return r;
  }
  function fillRow(r, pos) {
    var i = shown[pos], d = R[i], cells = r.children;
    r.dataset.pos = pos; r.dataset.i = i;
    r.tabIndex = pos === current ? 0 : -1;
    r.classList.toggle("open", String(d[0]) === state.open);
    cells[0].textContent = d[0];
    cells[1].textContent = d[1];
    cells[2].textContent = d[3];
    cells[2].title = d[3];
    cells[3].textContent = txt(d[4]);
    var v = VERDICTS[d[5]];
    cells[4].textContent = v;
    cells[4].className = "pill " + statusClass(v);
    for (var c = 0; c < 5; c++) {
      var w = STATUS[d[6].charAt(c)];
      cells[5 + c].textContent = w;
      cells[5 + c].className = "pill " + statusClass(w);
    }
    cells[10].textContent = num(d[7]);
    cells[11].textContent = num(d[8]);
    cells[12].textContent = d[9] === null ? "" : d[9].toFixed(2);
    cells[13].textContent = txt(d[10]);
    cells[13].title = txt(d[10]);
  }
  function renderRows(reset) {
    if (reset) { current = Math.min(current, Math.max(shown.length - 1, 0)); }
    var top = viewport.scrollTop - $("spacer").offsetTop, height = viewport.clientHeight || 600;
    var first = Math.max(0, Math.floor(top / ROW_H) - 5);
    var last = Math.min(shown.length, Math.ceil((top + height) / ROW_H) + 5);
    var hadFocus = rowsBox.contains(document.activeElement);
    while (pool.length < last - first) { var r = makeRow(); pool.push(r); rowsBox.appendChild(r); }
    rowsBox.style.top = first * ROW_H + "px";
    for (var k = 0; k < pool.length; k++) {
      if (first + k < last) { pool[k].hidden = false; fillRow(pool[k], first + k); } else pool[k].hidden = true;
    }
    if (hadFocus) focusCurrent(false);
    var empty = $("empty");
    if (!shown.length && !empty) { empty = el("div", "No product matches these filters.", "empty"); empty.id = "empty"; rowsBox.appendChild(empty); }
    if (shown.length && empty) empty.remove();
  }
  function focusCurrent(scroll) {
    if (scroll) {
      var y = current * ROW_H, head = $("spacer").offsetTop;
      if (y < viewport.scrollTop) viewport.scrollTop = y;
      else if (y + head + ROW_H > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = y + head + ROW_H - viewport.clientHeight;
      renderRows(false);
    }
    for (var k = 0; k < pool.length; k++) if (!pool[k].hidden && +pool[k].dataset.pos === current) { pool[k].focus({ preventScroll: true }); return; }
  }
  var pending = false;
  viewport.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; renderRows(false); });
  });
  rowsBox.addEventListener("keydown", function (e) {
    var page = Math.max(1, Math.floor(viewport.clientHeight / ROW_H) - 1), moves = {
      ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (e.key in moves) {
      current = Math.max(0, Math.min(shown.length - 1, current + moves[e.key]));
      focusCurrent(true);
      e.preventDefault();
    } else if (e.key === "Enter" || e.key === " ") {
      openRow(shown[current]);
      e.preventDefault();
    }
  });

  // A product's findings.
  function openRow(i) {
    state.open = String(R[i][0]);
    writeHash();
    showDetail();
    renderRows(false);
  }
  function showDetail() {
    var box = $("detail");
    var i = -1;
    if (state.open) for (var k = 0; k < N; k++) if (String(R[k][0]) === state.open) { i = k; break; }
    box.hidden = i < 0;
    box.replaceChildren();
    if (i < 0) return;
    var d = R[i], v = VERDICTS[d[5]];
    var close = el("button", "Close (Esc)");
    close.type = "button";
    close.addEventListener("click", closeDetail);
    box.append(close, el("h2", d[3] || "(no product name)"));
    box.append(el("span", v, "pill " + statusClass(v)));
    var dl = el("dl");
    [["SKU", d[1]], ["GTIN", d[2]], ["Supplier", txt(d[4])], ["Row", d[0]], ["Key facts", txt(d[10])],
      ["D3 IU/day", num(d[7])], ["K2 µg/day", num(d[8])], ["K2 per 1000 IU", d[9] === null ? null : d[9].toFixed(2)]].forEach(function (p) {
      if (p[1] === null || p[1] === "") return;
      dl.append(el("dt", p[0]), el("dd", p[1]));
    });
    CRITERIA.forEach(function (c, ci) { var w = STATUS[d[6].charAt(ci)]; dl.append(el("dt", c), el("dd", w)); });
    if (/^https?:\/\/\S/i.test(d[11])) {
      var a = el("a", d[11]);
      a.href = d[11];
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      var dd = el("dd");
      dd.append(a);
      dl.append(el("dt", "Link"), dd);
    }
    box.append(dl, el("h3", d[12].length ? "Findings" : "No finding: every criterion passes"));
    d[12].forEach(function (f) {
      var st = STATUS[f[1]], div = el("div", null, "finding " + statusClass(st));
      var head = el("p");
      head.append(el("strong", st), document.createTextNode(" · " + txt(f[0])));
      if (f[5] & 2) head.append(document.createTextNode(" · waived (counts as pass)"));
      div.append(head, el("p", txt(f[2])));
      if (f[3]) { var p = el("p"); p.append(el("span", "Evidence: ", "k"), document.createTextNode(f[3])); div.append(p); }
      var ch = txt(f[4]);
      // A data gap's remedy is a request for the label data (SPEC §10), never a change.
      if (ch) { var q = el("p"); q.append(el("span", f[5] & 1 ? "Label data needed: " : "Required change: ", "k"), document.createTextNode(ch)); div.append(q); }
      if (f[5] & 1) div.append(el("p", "Data gap: the export does not carry this fact; ask for the label data, not a label change.", "k"));
      box.append(div);
    });
  }
  function closeDetail() {
    state.open = "";
    writeHash();
    showDetail();
    renderRows(false);
    focusCurrent(false);
  }
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && state.open) closeDetail(); });

  // The summary panels; their counts are toggle buttons for the filters.
  var toggles = [];
  function toggle(key, value, label) {
    var b = el("button", label);
    b.type = "button";
    b.addEventListener("click", function () {
      var list = state[key], at = list.indexOf(value);
      if (at >= 0) list.splice(at, 1); else list.push(value);
      changed();
    });
    toggles.push([b, key, value]);
    return b;
  }
  function syncButtons() {
    toggles.forEach(function (t) {
      var on = state[t[1]].some(function (v) { return v.toLowerCase() === t[2].toLowerCase(); });
      t[0].setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function row(cells) {
    var tr = el("tr");
    cells.forEach(function (c) {
      var td = el("td");
      if (c instanceof Node) td.append(c); else { td.textContent = c; if (typeof c === "number") td.className = "n"; }
      tr.append(td);
    });
    return tr;
  }
  function headRow(cells) { var tr = el("tr"); cells.forEach(function (c) { tr.append(el("th", c)); }); return tr; }
  function buildSummary() {
    var cat = SUM.catalogue || {}, pol = SUM.policy || {};
    document.title = "k2d3-audit: " + cat.name;
    $("title").textContent = "Catalogue audit: " + cat.name;
    $("meta").textContent = fmt.format(cat.records) + " records · " + fmt.format(SUM.products_in_scope || SUM.products) +
      " products audited · policy " + pol.name + " " + pol.version + " · " + SUM.generated + " · k2d3-audit " + SUM.tool.version;
    if (D.omitted > 0) {
      var om = $("omitted");
      om.hidden = false;
      om.textContent = "This page holds the first " + fmt.format(N) + " products; " + fmt.format(D.omitted) +
        " more are left out (audit.csv and findings.csv have them all).";
    }
    var cards = $("verdicts");
    VERDICTS.forEach(function (v) {
      var b = toggle("verdict", v, v + " " + fmt.format(SUM.verdicts[v]));
      b.className = statusClass(v);
      cards.append(b);
    });
    $("others").textContent = fmt.format(SUM.verdicts.invalid) + " invalid (see rejected.csv) · " + fmt.format(SUM.verdicts.skipped) + " skipped (no vitamin D or K)";
    var ct = $("criteria");
    ct.append(headRow(["criterion", "pass", "warn", "review", "fail", "n/a"]));
    CRITERIA.forEach(function (c) {
      var counts = SUM.criteria[c] || {};
      ct.append(row([c].concat(["pass", "warn", "review", "fail", "n/a"].map(function (s) {
        return toggle("criterion", c + ":" + s, fmt.format(counts[s] || 0));
      }))));
    });
    var st = $("suppliers");
    st.append(headRow(["supplier", "grade", "graded", "products", "pass", "warn", "review", "fail"]));
    (SUM.suppliers || []).slice(0, 500).forEach(function (s) {
      // SPEC §10: graded over the products not resting on data gaps alone; none graded, no grade.
      st.append(row([toggle("supplier", s.name, s.name), s.grade === null ? "not graded" : s.grade, s.graded, s.products, s.pass, s.warn, s.review, s.fail]));
    });
    if ((SUM.suppliers || []).length > 500) st.append(row(["…and " + fmt.format(SUM.suppliers.length - 500) + " more (type a supplier in the search)"]));
    var counts = {};
    (SUM.rules || []).forEach(function (r) { counts[r.rule] = r.count; });
    var rt = $("rules");
    rt.append(headRow(["rule", "products", "what it checks"]));
    D.rules.forEach(function (r) {
      if (!counts[r.rule]) return;
      var tr = row([toggle("rule", r.rule, r.rule), counts[r.rule], r.description]);
      tr.lastChild.className = "text";
      tr.lastChild.title = r.description;
      rt.append(tr);
    });
    var cov = $("coverage"), audited = SUM.products_in_scope || 0;
    cov.append(headRow(["fact", "column", "stated"]));
    Object.keys(SUM.coverage || {}).forEach(function (k) {
      var c = SUM.coverage[k];
      var share = audited ? Math.round((100 * c.stated) / audited) + " %" : "–";
      cov.append(row([k.replace(/_/g, " "), c.column === null ? "not in the export" : c.column, share]));
    });
  }
  function buildHead() {
    var head = $("head");
    COLUMNS.forEach(function (c) {
      var cell = el("div");
      cell.setAttribute("role", "columnheader");
      var b = el("button", c.label);
      b.type = "button";
      b.title = "Sort by " + c.label;
      b.addEventListener("click", function () {
        state.sort = state.sort === c.key ? "-" + c.key : c.key;
        changed();
      });
      cell.append(b);
      head.append(cell);
      c.cell = cell;
    });
  }
  function describeActive() {
    var parts = [];
    ["verdict", "criterion", "supplier", "rule"].forEach(function (k) { if (state[k].length) parts.push(k + ": " + state[k].join(" or ")); });
    $("active").textContent = parts.join(" · ");
    COLUMNS.forEach(function (c) {
      var s = state.sort === c.key ? "ascending" : state.sort === "-" + c.key ? "descending" : "none";
      c.cell.setAttribute("aria-sort", s);
      c.cell.firstChild.textContent = c.label + (s === "ascending" ? " ▲" : s === "descending" ? " ▼" : "");
    });
  }

  function changed() { writeHash(); applyFilter(); }
  function load() {
    state = parseHash(location.hash);
    $("q").value = state.q;
    applyFilter();
    showDetail();
  }
  var typing = 0;
  $("q").addEventListener("input", function () {
    clearTimeout(typing);
    var v = this.value;
    typing = setTimeout(function () { state.q = v.trim(); changed(); }, 120);
  });
  function toTable() { if (shown.length) focusCurrent(true); }
  $("skip").addEventListener("click", toTable);
  $("q").addEventListener("keydown", function (e) { if (e.key === "ArrowDown") { e.preventDefault(); toTable(); } });
  $("clear").addEventListener("click", function () { var open = state.open; state = emptyState(); state.open = open; $("q").value = ""; changed(); });
  window.addEventListener("hashchange", function () { if (location.hash !== toHash(state)) load(); });

  buildSummary();
  buildHead();
  load();
  setTimeout(buildHayLater, 0);
  // Milliseconds from navigation to a usable page, and spent in this script (for measurements).
  document.documentElement.dataset.readyMs = performance.now().toFixed(1);
  document.documentElement.dataset.scriptMs = (performance.now() - t0).toFixed(1);
})();
