// Editable lists of form rows (goals, indicators, sub-goals): add from a <template>, remove, move up/down.
// After each change the rows are renumbered so the posted names stay Input.List[0], [1], … in screen order.
(function () {
    "use strict";

    function escape(text) {
        return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }

    function renumber(list) {
        const prefix = list.getAttribute("data-prefix");
        const idPrefix = prefix.replace(/[.\[\]]/g, "_");
        const nameRe = new RegExp("^" + escape(prefix) + "\\[(\\d+|__i__)\\]");
        const idRe = new RegExp("^" + escape(idPrefix) + "_(\\d+|__i__)_");
        Array.from(list.querySelectorAll(":scope > [data-item]")).forEach(function (item, k) {
            item.querySelectorAll("[name]").forEach(function (el) {
                el.name = el.name.replace(nameRe, prefix + "[" + k + "]");
            });
            item.querySelectorAll("[data-valmsg-for]").forEach(function (el) {
                el.setAttribute("data-valmsg-for", el.getAttribute("data-valmsg-for").replace(nameRe, prefix + "[" + k + "]"));
            });
            item.querySelectorAll("[id]").forEach(function (el) {
                el.id = el.id.replace(idRe, idPrefix + "_" + k + "_");
            });
            item.querySelectorAll("label[for]").forEach(function (el) {
                el.htmlFor = el.htmlFor.replace(idRe, idPrefix + "_" + k + "_");
            });
            item.querySelectorAll("[data-label]").forEach(function (el) {
                el.setAttribute("aria-label", "第" + (k + 1) + "行 " + el.getAttribute("data-label"));
            });
            item.querySelectorAll("[data-number]").forEach(function (el) {
                el.textContent = String(k + 1);
            });
        });
        list.dispatchEvent(new CustomEvent("list-changed", { bubbles: true }));
    }

    document.addEventListener("click", function (event) {
        const button = event.target instanceof Element ? event.target.closest("button") : null;
        if (!button) {
            return;
        }
        if (button.hasAttribute("data-add")) {
            const list = document.getElementById(button.getAttribute("data-add"));
            const template = document.querySelector('template[data-template-for="' + list.id + '"]');
            const fragment = template.content.cloneNode(true);
            const item = fragment.querySelector("[data-item]");
            list.appendChild(fragment);
            renumber(list);
            const first = item.querySelector("input, textarea, select");
            if (first) {
                first.focus();
            }
            return;
        }
        const item = button.closest("[data-item]");
        const list = item ? item.parentElement : null;
        if (!item || !list || !list.hasAttribute("data-list")) {
            return;
        }
        if (button.hasAttribute("data-remove")) {
            const next = item.nextElementSibling || item.previousElementSibling;
            item.remove();
            renumber(list);
            const focus = next ? next.querySelector("button[data-remove]") : document.querySelector('[data-add="' + list.id + '"]');
            if (focus) {
                focus.focus();
            }
        } else if (button.hasAttribute("data-up") && item.previousElementSibling) {
            list.insertBefore(item, item.previousElementSibling);
            renumber(list);
            button.focus();
        } else if (button.hasAttribute("data-down") && item.nextElementSibling) {
            list.insertBefore(item.nextElementSibling, item);
            renumber(list);
            button.focus();
        }
    });
})();
