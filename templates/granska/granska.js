// granska: live update of the panel and the report (server-sent events), keeping the scroll position;
// the findings' filters, links into the report and markers; keyboard; the build button.
"use strict";
(function () {
  const status = document.getElementById("status");
  const panel = document.getElementById("panel");
  const button = document.getElementById("bygg-knapp");
  const buildBox = document.getElementById("bygg-status");
  const buildBody = document.getElementById("bygg-innehall");
  const banner = document.getElementById("rapport-banner");
  const csrf = document.querySelector('meta[name="granska-csrf"]').content;
  const state = {niva: "", plats: "", markorer: false, vald: null, doljSedda: false};
  const SEEN = "granska-sett:" + location.pathname;  // per årsmapp (its address)
  let seen;
  try { seen = new Set(JSON.parse(localStorage.getItem(SEEN) || "[]")); } catch (e) { seen = new Set(); }

  function signature(li) {  // a finding seen stays seen until its message changes
    const text = li.querySelector(":scope > .fynd-kropp .text");
    return li.dataset.key + "|" + (text ? text.textContent : "");
  }

  function toggleSeen(li) {
    const sig = signature(li);
    if (seen.has(sig)) seen.delete(sig); else seen.add(sig);
    try { localStorage.setItem(SEEN, JSON.stringify(Array.from(seen))); } catch (e) { /* private mode: for this tab only */ }
    applyFilters();
  }
  const MARK = "data-granska-markerad";
  let shownReport = 0;   // report version in the visible frame
  let wantedReport = 0;  // newest report version announced
  let loading = false;
  let lost = false;

  function frames() {
    const a = document.getElementById("rapport-a"), b = document.getElementById("rapport-b");
    return a.classList.contains("aktuell") ? [a, b] : [b, a];
  }

  function reportDoc() {
    const frame = frames()[0];
    return frame && frame.contentDocument;
  }

  function loadReport() {
    if (loading || wantedReport === shownReport) return;
    loading = true;
    const [current, next] = frames();
    const version = wantedReport;
    next.onload = function () {
      const win = current.contentWindow;
      const x = win ? win.scrollX : 0, y = win ? win.scrollY : 0;
      next.contentWindow.scrollTo(x, y);
      next.classList.add("aktuell");
      next.removeAttribute("aria-hidden");
      next.removeAttribute("tabindex");
      current.classList.remove("aktuell");
      current.setAttribute("aria-hidden", "true");
      current.setAttribute("tabindex", "-1");
      next.dataset.version = String(version);
      shownReport = version;
      document.body.dataset.rapport = String(version);
      loading = false;
      if (shownPlace) goTo(shownPlace[0], shownPlace[1], shownPlace[2], shownPlace[3], true);  // at the kept scroll position
      drawMarkers();
      loadReport();  // a newer version may have come meanwhile
    };
    next.src = "rapport?v=" + version;
  }

  // -- the findings: filters, selection, keyboard --------------------------------------------
  function applyFilters() {
    for (const li of panel.querySelectorAll(".fynd-rad")) {
      const isSeen = seen.has(signature(li));
      li.classList.toggle("sedd", isSeen);
      const mark = li.querySelector(":scope > .fynd-kropp .sett");
      if (mark) mark.setAttribute("aria-pressed", String(isSeen));
      const hide = (state.niva && li.dataset.niva !== state.niva) || (state.plats && li.dataset.plats !== state.plats)
        || (state.doljSedda && isSeen);
      li.classList.toggle("dold-fynd", !!hide);
    }
    for (const li of panel.querySelectorAll(".fynd-mer")) {  // "… och N till": filtered as its kind
      li.classList.toggle("dold-fynd", !!((state.niva && li.dataset.niva !== state.niva) || (state.plats && li.dataset.plats !== state.plats)));
    }
    const hideSeen = document.getElementById("dolj-sedda");
    if (hideSeen) hideSeen.setAttribute("aria-pressed", String(state.doljSedda));
    for (const section of panel.querySelectorAll("section.niva")) {
      const shown = section.querySelectorAll(".fynd-rad:not(.dold-fynd)").length;
      section.classList.toggle("dold-niva", shown === 0);
    }
    for (const b of panel.querySelectorAll(".filter-niva")) b.setAttribute("aria-pressed", String(b.dataset.niva === state.niva));
    const select = document.getElementById("filter-plats");
    if (select) {
      if (state.plats && !Array.from(select.options).some(o => o.value === state.plats)) state.plats = "";
      select.value = state.plats;
    }
    const marks = document.getElementById("markorer");
    if (marks) marks.setAttribute("aria-pressed", String(state.markorer));
    for (const li of panel.querySelectorAll(".fynd-rad")) li.classList.toggle("vald", li.dataset.key === state.vald);
  }

  function visibleFindings() {
    return Array.from(panel.querySelectorAll(".fynd-rad:not(.dold-fynd) > .fynd-kropp"));
  }

  function select(body, focus) {
    const li = body.parentElement;
    state.vald = li.dataset.key;
    applyFilters();
    if (focus) body.focus();
    body.scrollIntoView({block: "nearest"});
  }

  function step(delta) {
    const list = visibleFindings();
    if (!list.length) return;
    let i = list.findIndex(b => b.parentElement.dataset.key === state.vald);
    i = i < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, i + delta));
    select(list[i], true);
  }

  // -- the report: go to a place, markers ------------------------------------------------------
  function clearMark(doc) {
    for (const el of doc.querySelectorAll("[" + MARK + "]")) {
      el.removeAttribute(MARK);
      el.style.outline = "";
      el.style.backgroundColor = "";
    }
  }

  function findPlace(doc, anchor, row, year) {
    const root = doc.getElementById(anchor);
    if (!root) return null;
    if (!row) return {root: root, target: root};
    const label = row.trim().toLowerCase();
    const rows = Array.from(root.querySelectorAll("tr"));
    const tr = rows.find(r => r.cells.length && r.cells[0].textContent.trim().toLowerCase() === label)
      || rows.find(r => r.cells.length && r.cells[0].textContent.trim().toLowerCase().startsWith(label));
    if (!tr) return {root: root, target: root};
    let cell = null;
    if (year) {
      const table = tr.closest("table");
      const heads = table && table.tHead ? table.tHead.rows[table.tHead.rows.length - 1] : null;
      if (heads) {
        const index = Array.from(heads.cells).findIndex(c => c.textContent.includes(year));
        if (index >= 0 && index < tr.cells.length) cell = tr.cells[index];
      }
    }
    return {root: root, target: cell || tr, row: tr};
  }

  function findText(doc, text) {  // the innermost element whose own text holds ``text``
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue.includes(text) && node.parentElement.closest("[data-granska-markor]") === null) {
        const el = node.parentElement;
        return {root: el, target: el.closest("td, th, li, p") || el};
      }
    }
    return null;
  }

  let shownPlace = null;  // the place last shown, marked again in each new version of the report

  function goTo(anchor, row, year, text, keepScroll) {
    const doc = reportDoc();
    if (!doc) return false;
    const place = anchor ? findPlace(doc, anchor, row, year) : text ? findText(doc, text) : null;
    if (!place) return false;
    shownPlace = [anchor, row, year, text];
    clearMark(doc);
    if (place.row && place.row !== place.target) {  // the row tinted, the figure itself framed
      place.row.setAttribute(MARK, "rad");
      place.row.style.backgroundColor = "#fff4d6";
    }
    place.target.setAttribute(MARK, "ja");
    place.target.style.outline = "3px solid #c98a00";
    place.target.style.backgroundColor = "#fff4d6";
    if (!keepScroll) place.target.scrollIntoView({block: "center"});
    document.body.dataset.visad = (anchor || text) + (row ? "|" + row : "") + (year ? "|" + year : "");
    return true;
  }

  function drawMarkers() {
    const doc = reportDoc();
    if (!doc || !doc.body) return;
    for (const m of doc.querySelectorAll("[data-granska-markor]")) m.remove();
    if (!state.markorer) return;
    const at = new Map();
    for (const b of panel.querySelectorAll(".fynd-kropp .till-rapport")) {
      const li = b.closest(".fynd-rad");
      const list = at.get(b.dataset.anchor) || [];
      if (!list.some(x => x.key === li.dataset.key)) list.push({key: li.dataset.key, id: li.dataset.id, niva: li.dataset.niva});
      at.set(b.dataset.anchor, list);
    }
    for (const [anchor, list] of at) {
      const el = doc.getElementById(anchor);
      if (!el) continue;
      const marker = doc.createElement("button");
      marker.type = "button";
      marker.setAttribute("data-granska-markor", anchor);
      const worst = list.some(x => x.niva === "fel") ? "fel" : list.some(x => x.niva === "varning") ? "varning" : "info";
      marker.textContent = "⚑ " + list.length + " fynd: " + list.map(x => x.id).join(", ");
      marker.style.cssText = "display:block;margin:.2rem 0;padding:.1rem .4rem;border:0;border-radius:3px;font:600 12px system-ui,sans-serif;cursor:pointer;color:#fff;background:"
        + (worst === "fel" ? "#a00" : worst === "varning" ? "#7a4f00" : "#1d4f91");
      marker.addEventListener("click", function () {
        const body = panel.querySelector('.fynd-rad[data-key="' + CSS.escape(list[0].key) + '"] > .fynd-kropp');
        if (body) select(body, true);
      });
      if (el.tagName === "TABLE") el.parentNode.insertBefore(marker, el);
      else el.insertBefore(marker, el.firstChild);
    }
  }

  // -- updates ---------------------------------------------------------------------------------
  async function update(data) {
    let response;
    try {
      response = await fetch("panel", {cache: "no-store", credentials: "same-origin"});
    } catch (e) {
      return serverLost();
    }
    if (response.status === 403) return newAddress();
    if (response.ok) {
      const focused = document.activeElement && panel.contains(document.activeElement);
      const open = Array.from(panel.querySelectorAll("details.andring[open]")).map(d => d.dataset.nummer);
      panel.innerHTML = await response.text();
      for (const d of panel.querySelectorAll("details.andring")) if (open.includes(d.dataset.nummer)) d.open = true;
      applyFilters();
      if (focused && state.vald) {
        const body = panel.querySelector('.fynd-rad[data-key="' + CSS.escape(state.vald) + '"] > .fynd-kropp');
        if (body) body.focus();
      }
    }
    document.body.dataset.version = String(data.version);
    const time = new Date().toLocaleTimeString("sv-SE");
    const seconds = String(data.sekunder).replace(".", ",");
    if (data.fel) {
      status.textContent = "Arbetsboken har " + data.fel + " fel (" + time + "). Rapporten visar den senaste felfria versionen"
        + (data.rapporttid ? " från " + data.rapporttid : "") + ".";
      status.classList.add("fel");
      banner.textContent = data.rapporttid
        ? "Senaste felfria version (" + data.rapporttid + "). Arbetsboken har fel nu – rätta dem i panelen, så visas den nya."
        : "Rapporten visas när arbetsboken kan läsas utan fel.";
      banner.hidden = false;
    } else {
      status.textContent = "Uppdaterad " + time + " (" + seconds + " s).";
      status.classList.remove("fel");
      banner.hidden = true;
    }
    wantedReport = data.rapport;
    loadReport();
    drawMarkers();
  }

  const buildLabel = button.textContent;

  function serverLost() {
    lost = true;
    button.textContent = "Bygg: ingen kontakt med granska";
    status.textContent = "Ingen kontakt med granska – körs det fortfarande i terminalen? Sidan ansluter igen när det startar.";
    status.classList.add("fel");
    button.disabled = false;
  }

  function newAddress() {
    status.textContent = "granska har startats om med en ny adress. Öppna adressen som granska skrev ut i terminalen.";
    status.classList.add("fel");
    button.disabled = true;
    button.textContent = "Öppna den nya adressen";
    if (source) source.close();
  }

  function showBuild(state) {
    buildBody.textContent = "";
    const message = document.createElement("p");
    message.textContent = state.meddelande;
    buildBody.appendChild(message);
    const steps = document.createElement("ol");
    for (const step of state.steg) {
      const li = document.createElement("li");
      li.textContent = step;
      steps.appendChild(li);
    }
    if (state.steg.length) buildBody.appendChild(steps);
    if (state.filer && state.filer.length) {
      const files = document.createElement("ul");
      files.className = "filer";
      for (const file of state.filer) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        const name = file.split(/[\\/]/).pop();
        a.href = "utdata/" + encodeURIComponent(name);
        a.target = "_blank";
        a.rel = "noopener";
        a.textContent = name;
        a.title = file;
        li.appendChild(a);
        files.appendChild(li);
      }
      buildBody.appendChild(files);
    }
    buildBox.hidden = false;
    button.disabled = !!state.pagar;
    buildBox.dataset.klar = state.pagar ? "nej" : "ja";
  }

  // -- events ----------------------------------------------------------------------------------
  panel.addEventListener("click", async function (e) {
    const target = e.target.closest("button");
    if (!target || !panel.contains(target)) return;
    if (target.classList.contains("filter-niva")) {
      state.niva = target.dataset.niva;
      applyFilters();
    } else if (target.id === "markorer") {
      state.markorer = !state.markorer;
      applyFilters();
      drawMarkers();
    } else if (target.id === "dolj-sedda") {
      state.doljSedda = !state.doljSedda;
      applyFilters();
    } else if (target.classList.contains("sett")) {
      toggleSeen(target.closest(".fynd-rad"));
    } else if (target.classList.contains("till-rapport")) {
      const body = target.closest(".fynd-kropp");
      if (body) select(body, false);
      if (!goTo(target.dataset.anchor, target.dataset.row, target.dataset.year, target.dataset.sok)) {
        target.title = "Står inte i rapporten som den ser ut nu";
        target.classList.add("saknas");
      }
    } else if (target.classList.contains("kopiera")) {
      try {
        await navigator.clipboard.writeText(target.dataset.text);
        target.textContent = "Kopierat";
      } catch (err) {
        target.textContent = "Markera och kopiera";
      }
      target.classList.add("kopierad");
      setTimeout(() => { target.textContent = "Kopiera"; target.classList.remove("kopierad"); }, 1500);
    }
  });
  panel.addEventListener("change", function (e) {
    if (e.target.id === "filter-plats") {
      state.plats = e.target.value;
      applyFilters();
    }
  });
  panel.addEventListener("focusin", function (e) {
    if (e.target.classList && e.target.classList.contains("fynd-kropp")) {
      state.vald = e.target.parentElement.dataset.key;
      applyFilters();
    }
  });
  document.addEventListener("keydown", function (e) {
    const t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA"))) return;
    if (e.key === "j" || e.key === "k") {
      step(e.key === "j" ? 1 : -1);
      e.preventDefault();
    } else if (e.key === "m") {
      state.markorer = !state.markorer;
      applyFilters();
      drawMarkers();
    } else if (e.key === "s" && t && t.classList && t.classList.contains("fynd-kropp")) {
      toggleSeen(t.parentElement);
    } else if (e.key === "Enter" && t && t.classList && t.classList.contains("fynd-kropp")) {
      const first = t.querySelector(".till-rapport");
      if (first) goTo(first.dataset.anchor, first.dataset.row, first.dataset.year);
      e.preventDefault();
    }
  });

  document.getElementById("bygg-stang").addEventListener("click", function () {
    buildBox.hidden = true;
    button.focus();
  });

  button.addEventListener("click", async function () {
    button.disabled = true;
    let response;
    try {
      response = await fetch("bygg", {method: "POST", credentials: "same-origin", headers: {"X-Granska-CSRF": csrf}});
    } catch (err) {
      buildBody.textContent = "Bygget kunde inte startas: ingen kontakt med granska. Starta granska igen i terminalen.";
      buildBox.hidden = false;
      buildBox.dataset.klar = "ja";
      button.disabled = false;
      return serverLost();
    }
    if (response.status === 403) {
      buildBody.textContent = await response.text();
      buildBox.hidden = false;
      button.disabled = false;
    } else if (!response.ok && response.status !== 409) {
      buildBody.textContent = await response.text();
      buildBox.hidden = false;
      button.disabled = false;
    }
  });

  let source = null;
  function connect() {
    source = new EventSource("handelser");
    source.addEventListener("uppdatering", function (e) {
      if (lost) { lost = false; status.classList.remove("fel"); button.textContent = buildLabel; }
      update(JSON.parse(e.data));
    });
    source.addEventListener("bygg", function (e) { showBuild(JSON.parse(e.data)); });
    source.onerror = async function () {
      serverLost();
      if (source.readyState === EventSource.CLOSED) {  // refused (a new token?) or gone: ask, then try again
        try {
          const probe = await fetch("panel", {cache: "no-store"});
          if (probe.status === 403) return newAddress();
        } catch (err) { /* not running: try again below */ }
        setTimeout(connect, 2000);
      }
    };
  }
  connect();
})();
