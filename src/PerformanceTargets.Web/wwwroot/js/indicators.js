// The indicator tree editor: 二级 options follow the chosen 一级, and each row shows, as you type, how its value is
// understood (≥ 90 %, = 2 人, 定性) and its quality warnings, from the server's rules engine (Edit?handler=Preview).
(function () {
    "use strict";
    const table = document.querySelector("table.indicator-editor");
    if (!table) {
        return;
    }
    const categories = JSON.parse(table.getAttribute("data-categories") || "{}");
    const previewUrl = table.getAttribute("data-preview-url");
    const timers = new WeakMap();

    function field(row, suffix) {
        return row.querySelector('[name$="].' + suffix + '"]');
    }

    function budget() {
        const input = document.getElementById("Input_Budget");
        const text = input ? input.value.replace(/[,，\s]/g, "") : "";
        return text && !isNaN(Number(text)) ? text : "";
    }

    function fillLevel2(row) {
        const level1 = field(row, "Level1").value;
        const select = field(row, "Level2");
        const current = select.value;
        select.innerHTML = "";
        (categories[level1] || []).forEach(function (name) {
            const option = document.createElement("option");
            option.value = name;
            option.textContent = name;
            option.selected = name === current;
            select.appendChild(option);
        });
    }

    function render(row, data) {
        const box = row.querySelector("[data-preview]");
        box.innerHTML = "";
        const reading = document.createElement("span");
        reading.className = "reading";
        reading.title = data.kind;
        reading.textContent = data.reading;
        box.appendChild(reading);
        const list = document.createElement("ul");
        list.className = "warnings";
        data.warnings.forEach(function (w) {
            const li = document.createElement("li");
            li.setAttribute("data-code", w.code);
            li.textContent = w.message;
            list.appendChild(li);
        });
        box.appendChild(list);
    }

    function preview(row) {
        const params = new URLSearchParams({
            level1: field(row, "Level1").value,
            level2: field(row, "Level2").value,
            name: field(row, "Name").value,
            description: field(row, "Description").value,
            value: field(row, "Value").value,
            budget: budget()
        });
        const url = previewUrl + (previewUrl.indexOf("?") >= 0 ? "&" : "?") + params.toString();
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) { if (data) { render(row, data); } })
            .catch(function () { /* the preview is an aid; saving still validates on the server */ });
    }

    function schedule(row) {
        clearTimeout(timers.get(row));
        timers.set(row, setTimeout(function () { preview(row); }, 250));
    }

    table.addEventListener("change", function (event) {
        const row = event.target.closest("[data-item]");
        if (!row) {
            return;
        }
        if (event.target.hasAttribute("data-level1")) {
            fillLevel2(row);
        }
        schedule(row);
    });
    table.addEventListener("input", function (event) {
        const row = event.target.closest("[data-item]");
        if (row && event.target.hasAttribute("data-watch")) {
            schedule(row);
        }
    });
    document.addEventListener("list-changed", function (event) {
        if (event.target.id === "indicator-list") {
            event.target.querySelectorAll("[data-item]").forEach(function (row) {
                if (!row.querySelector("[data-preview] .reading")) {
                    schedule(row);
                }
            });
        }
    });
})();
