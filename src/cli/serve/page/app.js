// The screening page: picks files and a job, starts a screening through /v1/batches, follows
// its progress, and shows the ranked candidates. Every text from a document is set with
// textContent, never parsed as HTML.
"use strict";
(function () {
  const d = document;
  const $ = (id) => d.getElementById(id);
  const picked = []; // [{file, name}]
  let postingFile = null;
  const screenings = new Map(); // id -> {card, timer}
  const skillNames = new Map(); // id -> display name

  // ---- talking to the server -------------------------------------------------------------
  function headers() {
    const h = {};
    const t = sessionStorage.getItem("resumescan-token");
    if (t) h["Authorization"] = "Bearer " + t;
    return h;
  }

  async function api(method, path, body) {
    const r = await fetch(path, { method, headers: headers(), body });
    if (r.status === 401) {
      $("token-row").hidden = false;
      throw new Error("This server needs its access token: enter it above and try again.");
    }
    if (!r.ok) {
      let detail = r.status + " " + r.statusText;
      try { const p = await r.json(); if (p.detail) detail = p.detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    return r;
  }

  function el(tag, attrs, ...children) {
    const e = d.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : d.createTextNode(String(c)));
    }
    return e;
  }

  // ---- choosing files ----------------------------------------------------------------------
  function addFiles(list) {
    for (const f of list) {
      const name = f.relativePath || f.webkitRelativePath || f.name;
      if (name.split("/").some((p) => p.startsWith("."))) continue; // hidden files of a folder
      picked.push({ file: f, name });
    }
    const n = picked.length;
    $("picked").textContent = n === 0 ? "No files yet." :
      n + (n === 1 ? " file: " : " files: ") + picked.slice(0, 6).map((p) => p.name).join(", ") + (n > 6 ? ", …" : "");
    $("start").disabled = n === 0;
  }

  // A dropped folder: walk its entries.
  function walk(entry, prefix) {
    return new Promise((resolve) => {
      if (entry.isFile) {
        entry.file((f) => { f.relativePath = prefix + f.name; resolve([f]); }, () => resolve([]));
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        const all = [];
        const more = () => reader.readEntries(async (batch) => {
          if (batch.length === 0) {
            const nested = await Promise.all(all.map((e) => walk(e, prefix + entry.name + "/")));
            resolve(nested.flat());
          } else { all.push(...batch); more(); }
        }, () => resolve([]));
        more();
      } else resolve([]);
    });
  }

  async function onDrop(ev) {
    ev.preventDefault();
    $("drop").classList.remove("over");
    const items = ev.dataTransfer.items;
    if (items && items.length && items[0].webkitGetAsEntry) {
      const entries = Array.from(items).map((i) => i.webkitGetAsEntry()).filter(Boolean);
      const files = (await Promise.all(entries.map((e) => walk(e, "")))).flat();
      addFiles(files);
    } else {
      addFiles(ev.dataTransfer.files);
    }
  }

  // ---- starting a screening ----------------------------------------------------------------
  async function start() {
    const fd = new FormData();
    for (const p of picked) fd.append("file", p.file, p.name);
    const posting = $("posting").value.trim();
    if (postingFile) fd.append("job_file", postingFile, postingFile.name);
    else if (posting) fd.append("job", posting);
    if ($("require").value.trim()) fd.append("require", $("require").value);
    if ($("prefer").value.trim()) fd.append("prefer", $("prefer").value);
    if ($("profile").value) fd.append("profile", $("profile").value);
    $("start").disabled = true;
    $("message").textContent = "Uploading " + picked.length + " files…";
    try {
      const r = await api("POST", "/v1/batches", fd);
      const created = await r.json();
      $("message").textContent = "";
      picked.length = 0;
      addFiles([]);
      follow(created.id, true);
    } catch (e) {
      $("message").textContent = e.message;
      $("start").disabled = picked.length === 0;
    }
  }

  // ---- one screening -----------------------------------------------------------------------
  function follow(id, fresh) {
    if (screenings.has(id)) return;
    const card = el("section", { class: "card screening", id: "s-" + id, "data-id": id });
    const title = el("h2", {}, "Screening " + id.slice(0, 6));
    const bar = el("progress", { max: "1", value: "0" });
    const count = el("span", { class: "muted" }, "starting…");
    const failures = el("ul", { class: "failures" });
    const results = el("div", { class: "results" });
    const tools = el("p", { class: "tools" },
      ...["csv", "json", "ndjson", "html"].map((f) =>
        el("button", { type: "button", class: "export", "data-format": f, onclick: () => download(id, f), disabled: true }, "Export " + f.toUpperCase())),
      el("button", { type: "button", class: "danger", onclick: () => remove(id) }, "Delete now"));
    card.append(title, el("p", { class: "progress" }, bar, " ", count), failures, tools, results);
    const list = $("screenings");
    if (fresh) list.prepend(card); else list.append(card);
    const entry = { card, bar, count, failures, results, tools, timer: null, shown: new Set() };
    screenings.set(id, entry);
    poll(id);
  }

  async function poll(id) {
    const s = screenings.get(id);
    if (!s) return;
    let status;
    try {
      status = await (await api("GET", "/v1/batches/" + id)).json();
    } catch (e) {
      s.count.textContent = e.message;
      return;
    }
    s.bar.max = Math.max(status.total, 1);
    s.bar.value = status.done;
    s.count.textContent = status.done + " of " + status.total + " read" + (status.failed ? ", " + status.failed + " could not be read" : "");
    for (const err of status.errors) {
      if (s.shown.has(err.path)) continue;
      s.shown.add(err.path);
      s.failures.append(el("li", {}, el("b", {}, err.path), " — " + err.kind + ": " + err.message));
    }
    if (status.state === "running") {
      s.timer = setTimeout(() => poll(id), 400);
      return;
    }
    s.count.textContent += status.state === "cancelled" ? " (cancelled)" : " — done";
    for (const b of s.tools.querySelectorAll("button.export")) b.disabled = false;
    const report = await (await api("GET", "/v1/batches/" + id + "/report?format=json")).json();
    render(s, report);
  }

  async function download(id, format) {
    try {
      const r = await api("GET", "/v1/batches/" + id + "/report?format=" + format);
      const blob = await r.blob();
      const a = el("a", { href: URL.createObjectURL(blob), download: "resumescan-" + id.slice(0, 6) + "." + format });
      d.body.append(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    } catch (e) {
      $("message").textContent = e.message;
    }
  }

  async function remove(id) {
    const s = screenings.get(id);
    if (!s) return;
    clearTimeout(s.timer);
    try { await api("DELETE", "/v1/batches/" + id); } catch (e) { /* already gone */ }
    s.card.remove();
    screenings.delete(id);
  }

  // ---- the ranked candidates -----------------------------------------------------------
  const STATUS_ORDER = { met: 0, unknown: 1, not_met: 2 };

  function ranked(docs, job) {
    const ok = docs.filter((x) => x.status === "ok");
    ok.sort((a, b) => {
      if (job) {
        const sa = STATUS_ORDER[a.job_match.status], sb = STATUS_ORDER[b.job_match.status];
        if (sa !== sb) return sa - sb;
        if (b.job_match.match_rate !== a.job_match.match_rate) return b.job_match.match_rate - a.job_match.match_rate;
      }
      return b.score - a.score;
    });
    return ok;
  }

  function years(doc) {
    const y = doc.experience && doc.experience.total_years;
    return y === null || y === undefined ? null : y;
  }

  function render(s, report) {
    s.results.textContent = "";
    const job = !!report.job;
    const docs = ranked(report.documents, job);
    const stacks = Array.from(new Set(docs.map((x) => x.primary_stack && x.primary_stack.name).filter(Boolean))).sort();
    const minScore = el("input", { type: "number", min: "0", max: "100", step: "5", value: "0", class: "narrow" });
    const metOnly = el("input", { type: "checkbox" });
    const stack = el("select", {}, el("option", { value: "" }, "any"), ...stacks.map((n) => el("option", { value: n }, n)));
    const filters = el("p", { class: "filters" },
      el("label", {}, "Minimum score ", minScore), " ",
      job ? el("label", {}, metOnly, " must-haves met") : null, " ",
      el("label", {}, "Stack ", stack));
    if (job) {
      const asked = report.job.required.map((x) => x.name).join(", ");
      s.results.append(el("p", { class: "job" }, el("b", {}, "Job: " + (report.job.title || "stated skills")), " — required: " + asked));
    }
    const cols = [["#", null], ["File", (x) => x.path.toLowerCase()]];
    if (job) cols.push(["Match", (x) => x.job_match.match_rate], ["Must-haves", (x) => STATUS_ORDER[x.job_match.status]]);
    cols.push(["Score", (x) => x.score], ["Stack", (x) => (x.primary_stack ? x.primary_stack.name : "")], ["Categories", null],
      ["Experience", (x) => years(x) || 0], ["Top skills", null], [job ? "Missing must-haves" : "Missing key skills", null]);
    const table = el("table", { class: "ranked" });
    const thead = el("thead", {}, el("tr", {}, ...cols.map(([label, key], i) =>
      el("th", { class: key ? "sortable" : null, onclick: key ? () => sortBy(i) : null }, label))));
    const tbody = el("tbody");
    table.append(thead, tbody);
    let order = docs.slice();
    let sortCol = null, sortDir = 1;
    function sortBy(i) {
      const key = cols[i][1];
      sortDir = sortCol === i ? -sortDir : (i === 1 ? 1 : -1);
      sortCol = i;
      order = docs.slice().sort((a, b) => {
        const x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
      });
      fill();
    }
    function fill() {
      tbody.textContent = "";
      const min = Number(minScore.value) || 0;
      let shown = 0;
      for (const doc of order) {
        if (doc.score < min) continue;
        if (job && metOnly.checked && doc.job_match.status !== "met") continue;
        if (stack.value && !(doc.primary_stack && doc.primary_stack.name === stack.value)) continue;
        shown++;
        const rank = docs.indexOf(doc) + 1;
        const row = el("tr", { class: "candidate", tabindex: "0" });
        const cells = [el("td", { class: "num" }, String(rank)), el("td", { class: "file" }, doc.path)];
        if (job) {
          const m = doc.job_match;
          cells.push(el("td", { class: "num" }, m.match_rate.toFixed(1)),
            el("td", {}, el("span", { class: "tag " + m.status }, m.status.replace("_", " "))));
        }
        const missing = job ? doc.job_match.rules.filter((r) => r.importance === "required" && r.status !== "met").map((r) => r.rule)
          : doc.categories.flatMap((c) => c.missing || []).map((id) => skillNames.get(id) || id);
        cells.push(el("td", { class: "num" }, doc.score.toFixed(1)),
          el("td", {}, doc.primary_stack ? doc.primary_stack.name : "–"),
          el("td", {}, bars(doc.categories)),
          el("td", {}, (years(doc) === null ? "–" : years(doc).toFixed(1) + " yrs") + (doc.seniority ? " · " + doc.seniority.band : "")),
          el("td", {}, doc.skills.slice(0, 6).map((k) => k.name).join(", ")),
          el("td", { class: "miss" }, missing.slice(0, 6).join(", ") + (missing.length > 6 ? " …" : "")));
        row.append(...cells);
        const detail = el("tr", { class: "detail", hidden: true }, el("td", { colspan: String(cols.length) }, details(doc)));
        const toggle = () => { detail.hidden = !detail.hidden; row.classList.toggle("open", !detail.hidden); };
        row.addEventListener("click", toggle);
        row.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
        tbody.append(row, detail);
      }
      count.textContent = shown + " of " + docs.length + " candidates shown";
    }
    const count = el("span", { class: "muted" });
    for (const f of [minScore, metOnly, stack]) f.addEventListener("input", fill);
    s.results.append(filters, el("p", {}, count), table);
    const others = report.documents.filter((x) => x.status !== "ok");
    if (others.length) {
      s.results.append(el("h3", {}, "Not scored (" + others.length + ")"),
        el("ul", { class: "failures" }, ...others.map((x) => el("li", {}, el("b", {}, x.path), " — " + x.status +
          (x.error ? ": " + x.error.message : x.duplicate_of ? " of " + x.duplicate_of : x.reason ? " (" + x.reason + ")" : "")))));
    }
    fill();
  }

  // Each category's coverage as a small bar, the names and figures in the tooltip.
  function bars(categories) {
    const box = el("span", { class: "bars", title: categories.map((c) => c.name + " " + Math.round(c.score) + "%").join(" · ") });
    for (const c of categories) {
      const bar = el("span", { class: "bar" });
      bar.style.height = Math.max(1, Math.round(c.score / 100 * 18)) + "px";
      box.append(bar);
    }
    return box;
  }

  function details(doc) {
    const box = el("div", { class: "evidence" });
    if (doc.possible_duplicate_of) {
      box.append(el("p", { class: "dup" }, "Possible duplicate of " + doc.possible_duplicate_of.path + " (" + doc.possible_duplicate_of.reason.replace(/_/g, " ") + ")"));
    }
    const facts = [];
    if (years(doc) !== null) facts.push(years(doc).toFixed(1) + " years of experience");
    if (doc.seniority) facts.push(doc.seniority.band + " (" + doc.seniority.reason + ")");
    if (doc.education) facts.push("highest degree: " + doc.education.highest_degree + (doc.education.field ? ", " + doc.education.field : ""));
    if (facts.length) box.append(el("p", {}, facts.join(" · ")));
    if (doc.job_match) {
      box.append(el("table", { class: "rules" }, ...doc.job_match.rules.map((r) => el("tr", {},
        el("td", {}, el("code", {}, r.rule)), el("td", { class: "muted" }, r.importance),
        el("td", {}, el("span", { class: "tag " + r.status }, r.status.replace("_", " "))), el("td", {}, r.detail)))));
    }
    const list = el("table", { class: "skills" });
    for (const k of doc.skills) {
      const ev = k.evidence.slice(0, 2).map((e) => el("div", { class: "ev" }, el("span", { class: "where" }, "line " + e.line + " · " + e.section + " "), e.snippet));
      list.append(el("tr", {}, el("td", { class: k.evidenced ? "skill used" : "skill" }, k.name + (k.years ? " (" + k.years + " yrs)" : "")), el("td", {}, ...ev)));
    }
    box.append(list);
    return box;
  }

  // ---- the page ----------------------------------------------------------------------------
  async function profiles() {
    try {
      const list = await (await api("GET", "/v1/profiles")).json();
      const sel = $("profile");
      for (const p of list) sel.append(el("option", { value: p.id, selected: p.default }, p.name));
    } catch (e) { $("message").textContent = e.message; }
  }

  async function names() {
    try {
      for (const k of await (await api("GET", "/v1/skills")).json()) skillNames.set(k.id, k.name);
    } catch (e) { /* ids are shown instead */ }
  }

  async function resume() {
    try {
      const list = await (await api("GET", "/v1/batches")).json();
      for (const s of list) follow(s.id, false);
    } catch (e) { /* nothing kept, or a token is needed */ }
  }

  d.addEventListener("DOMContentLoaded", () => {
    const t = sessionStorage.getItem("resumescan-token");
    $("token").value = t || "";
    $("token").addEventListener("change", () => { sessionStorage.setItem("resumescan-token", $("token").value); profiles(); resume(); });
    $("files").addEventListener("change", (e) => addFiles(e.target.files));
    $("folder").addEventListener("change", (e) => addFiles(e.target.files));
    $("posting-file").addEventListener("change", (e) => {
      postingFile = e.target.files[0] || null;
      $("posting-name").textContent = postingFile ? postingFile.name : "";
    });
    const drop = $("drop");
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", onDrop);
    $("start").addEventListener("click", start);
    profiles();
    names().then(resume);
  });
})();
