// The API reference page (/ApiDocs, Development only): renders the OpenAPI document as a list of operations by tag,
// with parameters, request body and responses; schemas are shown as compact JSON sketches. No external script.
(function () {
    "use strict";
    const root = document.getElementById("api-reference");
    if (!root) {
        return;
    }

    function el(tag, className, text) {
        const node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function resolve(doc, schema) {
        let s = schema || {};
        const seen = new Set();
        while (s.$ref && !seen.has(s.$ref)) {
            seen.add(s.$ref);
            s = s.$ref.split("/").slice(1).reduce(function (o, k) { return o ? o[k] : undefined; }, doc) || {};
        }
        return s;
    }

    function typeOf(s) {
        const t = Array.isArray(s.type) ? s.type.filter(function (x) { return x !== "null"; })[0] : s.type;
        return s.format ? (t || "") + "(" + s.format + ")" : (t || (s.enum ? "enum" : "any"));
    }

    function sketch(doc, schema, depth) {
        const s = resolve(doc, schema);
        if (depth > 4) {
            return "…";
        }
        if (s.enum) {
            return s.enum.join(" | ");
        }
        const t = Array.isArray(s.type) ? s.type.filter(function (x) { return x !== "null"; })[0] : s.type;
        if (t === "array") {
            return [sketch(doc, s.items, depth + 1)];
        }
        if (s.properties) {
            const out = {};
            Object.keys(s.properties).forEach(function (k) { out[k] = sketch(doc, s.properties[k], depth + 1); });
            return out;
        }
        return typeOf(s);
    }

    function operation(doc, path, method, op) {
        const box = el("section", "card api-op");
        const head = el("h3");
        head.appendChild(el("span", "api-method api-" + method, method.toUpperCase()));
        head.appendChild(el("code", "", " " + path));
        box.appendChild(head);
        if (op.summary) {
            box.appendChild(el("p", "", op.summary));
        }
        if (op.parameters && op.parameters.length) {
            const table = el("table", "data");
            const tr = el("tr");
            ["参数", "位置", "类型", "必填"].forEach(function (h) { tr.appendChild(el("th", "", h)); });
            table.appendChild(tr);
            op.parameters.forEach(function (p) {
                const row = el("tr");
                row.appendChild(el("td", "", p.name));
                row.appendChild(el("td", "", p.in));
                row.appendChild(el("td", "", typeOf(resolve(doc, p.schema))));
                row.appendChild(el("td", "", p.required ? "是" : ""));
                table.appendChild(row);
            });
            box.appendChild(table);
        }
        if (op.requestBody && op.requestBody.content) {
            Object.keys(op.requestBody.content).forEach(function (type) {
                box.appendChild(el("p", "muted", "请求体 " + type));
                box.appendChild(el("pre", "", JSON.stringify(sketch(doc, op.requestBody.content[type].schema, 0), null, 2)));
            });
        }
        const responses = el("ul", "api-responses");
        Object.keys(op.responses || {}).forEach(function (code) {
            const r = op.responses[code];
            const item = el("li", "", code + " " + (r.description || ""));
            const content = r.content || {};
            Object.keys(content).slice(0, 1).forEach(function (type) {
                if (content[type].schema) {
                    const details = el("details");
                    details.appendChild(el("summary", "", type));
                    details.appendChild(el("pre", "", JSON.stringify(sketch(doc, content[type].schema, 0), null, 2)));
                    item.appendChild(details);
                }
            });
            responses.appendChild(item);
        });
        box.appendChild(responses);
        return box;
    }

    function render(doc) {
        root.innerHTML = "";
        root.appendChild(el("p", "", (doc.info && doc.info.description) || ""));
        const groups = new Map();
        Object.keys(doc.paths || {}).forEach(function (path) {
            Object.keys(doc.paths[path]).forEach(function (method) {
                const op = doc.paths[path][method];
                if (typeof op !== "object" || !op.responses) {
                    return;
                }
                const tag = (op.tags && op.tags[0]) || "其他";
                if (!groups.has(tag)) {
                    groups.set(tag, []);
                }
                groups.get(tag).push(operation(doc, path, method, op));
            });
        });
        groups.forEach(function (ops, tag) {
            root.appendChild(el("h2", "", tag));
            ops.forEach(function (op) { root.appendChild(op); });
        });
    }

    fetch(root.getAttribute("data-document"), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(render)
        .catch(function () { root.textContent = "无法加载 API 文档。"; });
})();
