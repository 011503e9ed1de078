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

    // The indicator library (指标库): typing a 三级 name offers matching library indicators; picking one fills the row's
    // categories, 指标解释, typical 指标值 and 依据 (fields already typed are kept). Anything else typed is a new indicator.
    const libraryUrl = table.getAttribute("data-library-url");
    const libraryTimers = new WeakMap();
    let suggestions = null; // { input, list, items, active }

    function closeSuggestions() {
        if (suggestions) {
            suggestions.list.remove();
            suggestions.input.setAttribute("aria-expanded", "false");
            suggestions.input.removeAttribute("aria-activedescendant");
            suggestions = null;
        }
    }

    function setIfEmpty(input, value) {
        if (input && !input.value.trim() && value) {
            input.value = value;
        }
    }

    function pick(row, entry) {
        const level1 = field(row, "Level1");
        if (level1 && Array.prototype.some.call(level1.options, function (o) { return o.value === entry.level1; })) {
            level1.value = entry.level1;
            fillLevel2(row);
            field(row, "Level2").value = entry.level2;
        }
        field(row, "Name").value = entry.name;
        setIfEmpty(field(row, "Description"), entry.description);
        setIfEmpty(field(row, "Value"), entry.typicalValue);
        setIfEmpty(field(row, "Basis"), entry.basis);
        closeSuggestions();
        schedule(row);
    }

    function highlight(index) {
        if (!suggestions || suggestions.items.length === 0) {
            return;
        }
        suggestions.active = (index + suggestions.items.length) % suggestions.items.length;
        suggestions.items.forEach(function (li, k) { li.setAttribute("aria-selected", k === suggestions.active ? "true" : "false"); });
        suggestions.input.setAttribute("aria-activedescendant", suggestions.items[suggestions.active].id);
        suggestions.items[suggestions.active].scrollIntoView({ block: "nearest" });
    }

    function showSuggestions(input, entries) {
        closeSuggestions();
        if (document.activeElement !== input || entries.length === 0) {
            return;
        }
        const row = input.closest("[data-item]");
        const list = document.createElement("ul");
        list.className = "library-suggestions";
        list.setAttribute("role", "listbox");
        list.id = input.id + "_library";
        const items = entries.map(function (entry, k) {
            const li = document.createElement("li");
            li.id = list.id + "_" + k;
            li.setAttribute("role", "option");
            li.setAttribute("aria-selected", "false");
            const name = document.createElement("strong");
            name.textContent = entry.name;
            li.appendChild(name);
            const meta = document.createElement("span");
            meta.className = "muted";
            meta.textContent = " " + entry.level1 + " › " + entry.level2 + (entry.typicalValue ? " · " + entry.typicalValue : "") + (entry.isStandard ? "" : " · 候选");
            li.appendChild(meta);
            li.addEventListener("mousedown", function (event) {
                event.preventDefault(); // keep the focus in the input
                pick(row, entry);
            });
            list.appendChild(li);
            return li;
        });
        input.parentNode.appendChild(list);
        input.setAttribute("aria-expanded", "true");
        input.setAttribute("aria-controls", list.id);
        suggestions = { input: input, list: list, items: items, entries: entries, active: -1 };
    }

    function searchLibrary(input) {
        const term = input.value.trim();
        if (!libraryUrl || term.length === 0) {
            closeSuggestions();
            return;
        }
        const url = libraryUrl + "?" + new URLSearchParams({ q: term, take: "8" }).toString();
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : []; })
            .then(function (entries) {
                // Only when the text is still what was searched for, and not already exactly one entry's name.
                if (input.value.trim() === term && !(entries.length === 1 && entries[0].name === term)) {
                    showSuggestions(input, entries);
                }
            })
            .catch(function () { /* the library is an aid; the indicator can always be typed */ });
    }

    table.addEventListener("input", function (event) {
        const input = event.target;
        if (input.hasAttribute && input.hasAttribute("data-library")) {
            clearTimeout(libraryTimers.get(input));
            libraryTimers.set(input, setTimeout(function () { searchLibrary(input); }, 200));
        }
    });
    table.addEventListener("keydown", function (event) {
        if (!suggestions || event.target !== suggestions.input) {
            return;
        }
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            highlight(suggestions.active + (event.key === "ArrowDown" ? 1 : -1));
        } else if (event.key === "Enter" && suggestions.active >= 0) {
            event.preventDefault(); // pick, do not submit the form
            pick(suggestions.input.closest("[data-item]"), suggestions.entries[suggestions.active]);
        } else if (event.key === "Escape") {
            closeSuggestions();
        }
    });
    table.addEventListener("focusout", function (event) {
        if (suggestions && event.target === suggestions.input) {
            closeSuggestions();
        }
    });
})();
