// granska: live update of the panel and the report (server-sent events), keeping the scroll position.
"use strict";
(function () {
  const status = document.getElementById("status");
  const panel = document.getElementById("panel");
  const button = document.getElementById("bygg-knapp");
  const buildStatus = document.getElementById("bygg-status");
  let shownReport = 0;   // report version in the visible frame
  let wantedReport = 0;  // newest report version announced
  let loading = false;

  function frames() {
    const a = document.getElementById("rapport-a"), b = document.getElementById("rapport-b");
    return a.classList.contains("aktuell") ? [a, b] : [b, a];
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
      loadReport();  // a newer version may have come meanwhile
    };
    next.src = "rapport?v=" + version;
  }

  async function update(data) {
    const response = await fetch("panel", {cache: "no-store", credentials: "same-origin"});
    if (response.ok) panel.innerHTML = await response.text();
    document.body.dataset.version = String(data.version);
    const time = new Date().toLocaleTimeString("sv-SE");
    status.textContent = "Uppdaterad " + time + " (" + String(data.sekunder).replace(".", ",") + " s).";
    wantedReport = data.rapport;
    loadReport();
  }

  function showBuild(state) {
    buildStatus.textContent = "";
    const steps = document.createElement("ol");
    for (const step of state.steg) {
      const li = document.createElement("li");
      li.textContent = step;
      steps.appendChild(li);
    }
    const message = document.createElement("p");
    message.textContent = state.meddelande;
    buildStatus.append(message, steps);
    if (state.filer && state.filer.length) {
      const files = document.createElement("ul");
      files.className = "filer";
      for (const file of state.filer) {
        const li = document.createElement("li");
        li.textContent = file;
        files.appendChild(li);
      }
      buildStatus.appendChild(files);
    }
    button.disabled = !!state.pagar;
    buildStatus.dataset.klar = state.pagar ? "nej" : "ja";
  }

  button.addEventListener("click", async function () {
    button.disabled = true;
    const csrf = document.querySelector('meta[name="granska-csrf"]').content;
    const response = await fetch("bygg", {method: "POST", credentials: "same-origin", headers: {"X-Granska-CSRF": csrf}});
    if (!response.ok && response.status !== 409) {
      buildStatus.textContent = await response.text();
      button.disabled = false;
    }
  });

  const source = new EventSource("handelser");
  source.addEventListener("uppdatering", function (e) { update(JSON.parse(e.data)); });
  source.addEventListener("bygg", function (e) { showBuild(JSON.parse(e.data)); });
  source.onerror = function () { status.textContent = "Ingen kontakt med granska – körs det fortfarande i terminalen?"; };
  source.onopen = function () { if (status.textContent.startsWith("Ingen kontakt")) status.textContent = "Ansluten."; };
})();
