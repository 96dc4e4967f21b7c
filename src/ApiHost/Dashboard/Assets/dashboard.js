// Leadline dashboard: small progressive enhancements. Every page works without this file except
// Test Request (it calls the API from the browser) and the hopper page's live refresh.
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);

  // Copy buttons: data-copy is a selector of the element whose text is copied.
  document.querySelectorAll("button[data-copy]").forEach(button => {
    button.addEventListener("click", async () => {
      const text = $(button.dataset.copy).textContent.trim();
      try { await navigator.clipboard.writeText(text); button.textContent = "Copied"; }
      catch { window.getSelection().selectAllChildren($(button.dataset.copy)); button.textContent = "Press Ctrl+C"; }
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
  });

  // Forms that change or remove something ask first.
  document.querySelectorAll("form[data-confirm]").forEach(form => {
    form.addEventListener("submit", e => { if (!confirm(form.dataset.confirm)) e.preventDefault(); });
  });

  // A token created in this tab: its secret is kept for this browser session only, so Test Request can use it.
  const created = $("#new-token-secret");
  if (created) sessionStorage.setItem("leadline.token." + created.dataset.tokenId, created.textContent.trim());

  // Workflow action rows: show only the fields of the chosen action type (all are shown without JS).
  document.querySelectorAll("fieldset.action-row").forEach(row => {
    const type = $("select.action-type", row);
    const show = () => row.querySelectorAll("[data-for]").forEach(label => { label.hidden = label.dataset.for !== type.value; });
    type.addEventListener("change", show);
    show();
  });

  const form = $("#test-request");
  if (form) testRequest(form);
  const chart = $("#hopper-chart");
  if (chart) hopperLive(chart);
  const upload = $("#dnc-upload");
  if (upload) dncUpload(upload);
  const leads = $("#lead-upload");
  if (leads) leadUpload(leads);
  const job = $("#import-progress");
  if (job) importProgress(job);
  document.querySelectorAll("#preview select").forEach(select => {
    select.addEventListener("change", () => select.classList.toggle("skip", select.value === ""));
  });

  // Lists → Upload leads: a drop zone for the file input, then the DNC upload's pattern (XMLHttpRequest for its
  // progress events). The antiforgery token goes in a header, so the server checks it before it reads the file;
  // the answer names the job's page, where the mapping and the preview are.
  function leadUpload(form) {
    const zone = $("#drop-zone"), input = $("input[type=file]", form), chosen = $("#drop-file");
    const box = $("#upload-box"), bar = $("#upload-progress"), state = $("#upload-state");
    const size = n => n < 1048576 ? Math.max(1, Math.round(n / 1024)) + " KB" : (n / 1048576).toFixed(1) + " MB";
    const showChosen = () => { chosen.textContent = input.files.length ? input.files[0].name + " · " + size(input.files[0].size) : ""; };
    input.addEventListener("change", showChosen);
    ["dragenter", "dragover"].forEach(type => zone.addEventListener(type, e => { e.preventDefault(); zone.classList.add("over"); }));
    ["dragleave", "drop"].forEach(type => zone.addEventListener(type, () => zone.classList.remove("over")));
    zone.addEventListener("drop", e => {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; showChosen(); }
    });
    form.addEventListener("submit", e => {
      e.preventDefault();
      if (!input.files.length) { box.hidden = false; state.textContent = "Choose a file first."; return; }
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("RequestVerificationToken", $("input[name=__RequestVerificationToken]", form).value);
      xhr.upload.addEventListener("progress", ev => {
        if (!ev.lengthComputable) return;
        bar.max = ev.total; bar.value = ev.loaded;
        state.textContent = Math.round(100 * ev.loaded / ev.total) + "% sent";
      });
      xhr.upload.addEventListener("load", () => { state.textContent = "sent; reading the columns…"; });
      xhr.addEventListener("load", () => {
        let answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
        if (answer && answer.url) { state.textContent = "uploaded"; location.href = answer.url; return; }
        state.textContent = answer && answer.error ? "refused: " + answer.error : "HTTP " + xhr.status + ": " + xhr.responseText.slice(0, 200);
        form.querySelector("button[type=submit]").disabled = false;
      });
      xhr.addEventListener("error", () => { state.textContent = "upload failed: no answer"; form.querySelector("button[type=submit]").disabled = false; });
      box.hidden = false; bar.value = 0; state.textContent = "sending…";
      form.querySelector("button[type=submit]").disabled = true;
      xhr.send(new FormData(form));
    });
  }

  // A running import: its counts from the job row every second; once it has ended the page is loaded again
  // with a GET (the server draws the result: final counts, the refused rows' download).
  function importProgress(box) {
    const url = box.dataset.source, bar = $("#job-progress"), percent = $("#job-percent");
    async function tick() {
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) { $("#progress-note").textContent = "· refresh failed: HTTP " + response.status; return setTimeout(tick, 1000); }
        const data = await response.json();
        box.querySelectorAll("b[data-count]").forEach(b => { b.textContent = data[b.dataset.count]; });
        bar.max = Math.max(1, data.file_bytes);
        bar.value = Math.min(data.bytes_read, bar.max);
        percent.textContent = Math.round(100 * bar.value / bar.max) + "% of the file read";
        const pill = $("#job-state");
        pill.textContent = data.state; pill.className = "pill state-" + data.state;
        if (data.final) { location.replace(box.dataset.page); return; } // a GET, even after a POST (Cancel)
      } catch (err) {
        $("#progress-note").textContent = "· refresh failed: " + err;
      }
      setTimeout(tick, 1000);
    }
    setTimeout(tick, 1000);
  }

  // DNC CSV upload: sent with XMLHttpRequest for its upload progress events; the answer is /v1/dnc/import's JSON.
  function dncUpload(form) {
    const box = $("#upload-box"), bar = $("#upload-progress"), state = $("#upload-state");
    const summary = $("#upload-summary"), invalid = $("#upload-invalid");
    form.addEventListener("submit", e => {
      e.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", ev => {
        if (!ev.lengthComputable) return;
        bar.max = ev.total; bar.value = ev.loaded;
        state.textContent = Math.round(100 * ev.loaded / ev.total) + "% sent";
      });
      xhr.upload.addEventListener("load", () => { state.textContent = "sent; importing…"; });
      xhr.addEventListener("load", () => show(xhr.status, xhr.responseText));
      xhr.addEventListener("error", () => { state.textContent = "upload failed: no answer"; });
      box.hidden = false; summary.hidden = true; invalid.hidden = true;
      bar.value = 0; state.textContent = "sending…";
      xhr.send(new FormData(form));
    });
    function show(status, text) {
      let answer;
      try { answer = JSON.parse(text); } catch { state.textContent = "HTTP " + status + ": " + text.slice(0, 200); return; }
      bar.value = bar.max;
      state.textContent = answer.success ? "done" : "refused: " + answer.text + " (code " + answer.code + ")";
      const data = answer.data;
      if (!data) return;
      const rows = [["rows", data.rows], ["inserted", data.inserted], ["already in the list", data.already_exists],
        ["invalid", data.invalid_count], ["left the hoppers", data.hopper_removed]];
      if (data.ignored_columns.length) rows.push(["ignored columns", data.ignored_columns.join(", ")]);
      summary.replaceChildren(...rows.map(([name, value]) => {
        const tr = document.createElement("tr"), th = document.createElement("th"), td = document.createElement("td");
        th.textContent = name; td.textContent = value; tr.append(th, td); return tr;
      }));
      summary.hidden = false;
      if (data.invalid.length) {
        invalid.textContent = data.invalid.map(i => "row " + i.row + ": " + i.text + " (" + i.code + ")").join("\n");
        invalid.hidden = false;
      }
    }
  }

  function testRequest(form) {
    const token = $("#token"), secretRow = $("#secret-row"), secret = $("#secret");
    const showQuery = $("#show-query"), reveal = $("#reveal"), queryBox = $("#query-box"), query = $("#query");
    const stored = () => sessionStorage.getItem("leadline.token." + token.value);
    const currentSecret = () => stored() || secret.value.trim();
    const mask = s => s.length <= 4 ? s : "*".repeat(s.length - 4) + s.slice(-4);

    function params(revealed) {
      const p = new URLSearchParams();
      p.append("auth_token", revealed ? currentSecret() : mask(currentSecret()));
      form.querySelectorAll("[data-param]").forEach(input => {
        const value = input.value.trim();
        if (value !== "") p.append(input.dataset.param, value);
      });
      return p;
    }
    function refresh() {
      secretRow.hidden = !token.value || !!stored();
      queryBox.hidden = !showQuery.checked;
      query.textContent = params(reveal.checked).toString();
    }
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    reveal.addEventListener("change", refresh);
    refresh();

    $("#run").addEventListener("click", async () => {
      const box = $("#response-box"), status = $("#response-status"), out = $("#response");
      box.hidden = false;
      const hint = token.selectedOptions[0] ? token.selectedOptions[0].dataset.hint : "";
      if (!currentSecret()) { status.textContent = ""; out.textContent = "Choose a token and paste its secret first."; return; }
      if (!stored() && !currentSecret().endsWith(hint)) { status.textContent = ""; out.textContent = "That secret does not belong to the chosen token (it must end in " + hint + ")."; return; }
      status.textContent = "sending…"; out.textContent = "";
      try {
        const response = await fetch("/v1/leads/insert", {
          method: "POST", credentials: "omit",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: params(true).toString(),
        });
        const text = await response.text();
        status.textContent = "HTTP " + response.status;
        try { out.textContent = JSON.stringify(JSON.parse(text), null, 2); } catch { out.textContent = text; }
      } catch (err) {
        status.textContent = "no answer"; out.textContent = String(err);
      }
    });
  }

  function hopperLive(chart) {
    const url = chart.dataset.source;
    const svgNs = "http://www.w3.org/2000/svg";
    async function tick() {
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (response.ok) render(await response.json());
        $("#hopper-updated").textContent = response.ok ? "updated " + new Date().toLocaleTimeString() : "refresh failed: HTTP " + response.status;
      } catch (err) {
        $("#hopper-updated").textContent = "refresh failed: " + err;
      }
    }
    function render(data) {
      $("#hopper-ready").textContent = data.ready;
      $("#hopper-leased").textContent = data.leased;
      $("#hopper-next-expiry").textContent = data.next_expiry || "—";
      $("#hopper-oldest").textContent = data.oldest_entry_age_seconds == null ? "—" : data.oldest_entry_age_seconds + " s";
      const bars = data.ready_by_priority; // [{priority, count}] highest priority first
      const width = 760, rowHeight = 22, labelWidth = 90, max = Math.max(1, ...bars.map(b => b.count));
      chart.setAttribute("viewBox", `0 0 ${width} ${Math.max(1, bars.length) * rowHeight + 4}`);
      chart.replaceChildren();
      if (bars.length === 0) {
        const empty = document.createElementNS(svgNs, "text");
        empty.setAttribute("x", 0); empty.setAttribute("y", 16); empty.setAttribute("class", "muted");
        empty.textContent = "No READY entries.";
        chart.appendChild(empty);
      }
      bars.forEach((bar, i) => {
        const y = i * rowHeight + 2, length = (width - labelWidth - 60) * bar.count / max;
        const label = document.createElementNS(svgNs, "text");
        label.setAttribute("x", 0); label.setAttribute("y", y + 15); label.textContent = "priority " + bar.priority;
        const rect = document.createElementNS(svgNs, "rect");
        rect.setAttribute("x", labelWidth); rect.setAttribute("y", y + 3); rect.setAttribute("height", rowHeight - 6);
        rect.setAttribute("width", Math.max(2, length)); rect.setAttribute("class", "bar");
        const count = document.createElementNS(svgNs, "text");
        count.setAttribute("x", labelWidth + Math.max(2, length) + 6); count.setAttribute("y", y + 15); count.textContent = bar.count;
        chart.append(label, rect, count);
      });
      fillRows($("#hopper-expiring"), data.expiring_soon, e => [e.lead_id, e.priority, e.state, e.expires_at], "No entry has an expiry.");
      fillRows($("#hopper-leases"), data.leased_now, e => [e.lead_id, e.priority, e.leased_to || "", e.lease_until], "No entry is leased.");
    }
    function fillRows(tbody, items, cells, emptyText) {
      const rows = items.map(item => {
        const tr = document.createElement("tr");
        cells(item).forEach(v => { const td = document.createElement("td"); td.textContent = v; tr.appendChild(td); });
        return tr;
      });
      if (rows.length === 0) {
        const tr = document.createElement("tr"), td = document.createElement("td");
        td.colSpan = 4; td.className = "muted"; td.textContent = emptyText;
        tr.appendChild(td); rows.push(tr);
      }
      tbody.replaceChildren(...rows);
    }
    tick();
    setInterval(tick, 3000);
  }
})();
