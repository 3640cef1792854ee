// Laget's only script besides htmx: nothing inline anywhere (Content-Security-Policy).
(function () {
  "use strict";
  // «Velg alle i …» (core/checkboxes_grouped.html): checks or clears its group's boxes, and
  // shows whether all, some or none of them are checked.
  function groupState(group) {
    var all = group.querySelector("input[data-select-all]");
    var members = group.querySelectorAll("input[type=checkbox]:not([data-select-all])");
    var checked = 0;
    members.forEach(function (m) { if (m.checked) checked++; });
    all.checked = members.length > 0 && checked === members.length;
    all.indeterminate = checked > 0 && checked < members.length;
  }
  document.addEventListener("change", function (event) {
    var box = event.target;
    var group = box.closest && box.closest("[data-choice-group]");
    if (!group) return;
    if (box.hasAttribute("data-select-all")) {
      group.querySelectorAll("input[type=checkbox]:not([data-select-all])").forEach(function (m) {
        m.checked = box.checked;
      });
    }
    groupState(group);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-choice-group]").forEach(groupState);
  });
  // After an HTMX swap of a results region, tell screen-reader users it changed (the region
  // has aria-live="polite"); keep keyboard focus where it was.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && !target.hasAttribute("aria-live")) {
      target.setAttribute("aria-live", "polite");
    }
  });
  // A form answered 400 or 422 is swapped with its errors (responseHandling in base.html):
  // move focus to its error summary, as after a full page load with errors.
  document.addEventListener("htmx:afterSettle", function (event) {
    var status = event.detail.xhr && event.detail.xhr.status;
    if (status !== 400 && status !== 422) return;
    var target = event.detail.target;
    var root = target && target.isConnected ? target : document;
    var summary = root.querySelector(".ds-error-summary") || document.querySelector(".ds-error-summary");
    if (summary) {
      if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  });
  // A request htmx does not swap (403, 5xx) or that never arrived still gets an answer: an
  // alert next to the form or element that sent it, never the server's error page.
  function showFailure(event, text) {
    var source = event.detail.elt;
    if (!source || !source.parentNode) return;
    var alert = source.previousElementSibling;
    if (!alert || !alert.classList.contains("laget-request-failed")) {
      alert = document.createElement("div");
      alert.className = "ds-alert laget-request-failed";
      alert.setAttribute("data-color", "danger");
      alert.setAttribute("role", "alert");
      source.parentNode.insertBefore(alert, source);
    }
    alert.textContent = text;
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    showFailure(
      event,
      status === 403 || status === 404
        ? "Du har ikke tilgang til dette lenger. Last siden på nytt."
        : "Noe gikk galt. Prøv igjen, eller last siden på nytt."
    );
  });
  document.addEventListener("htmx:sendError", function (event) {
    showFailure(event, "Fikk ikke kontakt med Laget. Sjekk nettet og prøv igjen.");
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    var alert = source && source.previousElementSibling;
    if (alert && alert.classList.contains("laget-request-failed")) alert.remove();
  });
  // A page that comes back with a form's errors (a wrong password, a form posted without
  // HTMX) puts focus on its error summary, so a screen reader reads what went wrong.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".ds-error-summary");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  });
  // A form that does what cannot be undone (deleting) asks first: data-confirm holds the
  // question, on the form or on the one button of several that does it; cancelling sends nothing.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = (button && button.getAttribute("data-confirm")) ||
      (event.target.getAttribute && event.target.getAttribute("data-confirm"));
    if (question && !window.confirm(question)) event.preventDefault();
  });
  // A form whose work takes seconds (data-busy holds what is happening: «Lager rapporten …»)
  // says so on its button and in a status region a screen reader reads, and is not sent twice.
  function busyStatus(form) {
    var status = form.querySelector(".laget-busy");
    if (!status) {
      status = document.createElement("p");
      status.className = "laget-busy";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      form.appendChild(status);
    }
    return status;
  }
  function busyForms(root) {
    if (root.querySelectorAll) root.querySelectorAll("form[data-busy]").forEach(busyStatus);
  }
  document.addEventListener("DOMContentLoaded", function () { busyForms(document); });
  document.addEventListener("htmx:load", function (event) { busyForms(event.detail.elt); });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var text = form.getAttribute && form.getAttribute("data-busy");
    if (!text || event.defaultPrevented) return;
    if (form.hasAttribute("data-busy-sent")) { event.preventDefault(); return; }
    form.setAttribute("data-busy-sent", "");
    busyStatus(form).textContent = text;
    var button = event.submitter || form.querySelector("button[type=submit]");
    if (!button) return;
    button.textContent = text;
    // disabled only once the form's data is taken, so the button's own name=value is sent
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
  // Back to a page the browser kept: its busy form can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.querySelector("form[data-busy-sent]")) window.location.reload();
  });
  // A table whose rows hold a link, a button or a field is read as stacked rows on a phone
  // (laget.css, table.laget-stack): each row a card, each cell with its column's header as a
  // label (data-label, drawn by CSS with empty alternative text, so a screen reader, which
  // reads the header from the table itself, does not hear it twice). The cell's content is
  // wrapped once, so the label and the value are two columns of the card.
  var CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea";
  function headerLabels(head) {
    var grid = [];  // grid[row][column]: the header text, colspan and rowspan spread out
    Array.prototype.forEach.call(head.rows, function (row, r) {
      grid[r] = grid[r] || [];
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        while (grid[r][column] !== undefined) column++;
        var text = cell.innerText.replace(/\u00ad/g, "").trim().replace(/\s+/g, " ");
        for (var dr = 0; dr < (cell.rowSpan || 1); dr++) {
          grid[r + dr] = grid[r + dr] || [];
          for (var dc = 0; dc < (cell.colSpan || 1); dc++) grid[r + dr][column + dc] = text;
        }
        column += cell.colSpan || 1;
      });
    });
    var labels = [];
    grid.forEach(function (row) {
      row.forEach(function (text, column) {
        var parts = labels[column] || [];
        if (text && parts.indexOf(text) < 0) parts.push(text);
        labels[column] = parts;
      });
    });
    return labels.map(function (parts) { return parts.join(" – "); });
  }
  function stackTable(table) {
    if (!table.tHead || !table.tHead.rows.length) return;
    if (!table.classList.contains("laget-stack") &&
        !table.querySelector("tbody " + CONTROLS.split(", ").join(", tbody "))) return;
    var labels = headerLabels(table.tHead);
    Array.prototype.forEach.call(table.querySelectorAll(":scope > tbody > tr, :scope > tfoot > tr"), function (row) {
      if (row.hasAttribute("data-stacked")) return;  // done before an HTMX swap added rows
      row.setAttribute("data-stacked", "");
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        var label = labels[column] || "";
        column += cell.colSpan || 1;
        var value = document.createElement("div");
        value.className = "laget-cell-value";
        while (cell.firstChild) value.appendChild(cell.firstChild);
        cell.appendChild(value);
        if (label && cell.tagName !== "TH") cell.setAttribute("data-label", label);
        if (!value.textContent.trim() && !value.querySelector(CONTROLS + ", img, svg")) {
          cell.classList.add("laget-cell-empty");  // nothing to show on a card
        }
      });
    });
    table.classList.add("laget-stack");
  }
  function stackTables(root) {
    if (root.querySelectorAll) root.querySelectorAll("main table").forEach(stackTable);
  }
  document.addEventListener("DOMContentLoaded", function () { stackTables(document); });
  document.addEventListener("htmx:load", function (event) {
    var root = event.detail.elt;
    if (root.closest && root.closest("table")) stackTable(root.closest("table"));
    else stackTables(root);
  });
  // «Last ned tabellen … som Excel» asks for the page as it is now: a form that changed the
  // address (hx-push-url) has changed what the tables hold since the page was loaded.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".laget-tables-download a");
    if (!link || link.closest("[hx-get]")) return;
    var here = new URL(window.location.href);
    var wanted = new URL(link.href, window.location.href);
    if (wanted.pathname !== here.pathname) return;  // a fragment's own list
    here.searchParams.delete("side");
    here.searchParams.set("tabeller", "xlsx");
    link.href = here.pathname + here.search;
  });
  // A range input shows its value in the <output> that names it (for=...).
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.type !== "range" || !input.id) return;
    var output = document.querySelector('output[for="' + input.id + '"]');
    if (output) output.textContent = input.value + " %";
  });
})();
