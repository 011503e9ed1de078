// The project form: 财政资金 + 其他资金 shown live beside 预算数, and whether it matches (the server checks it again on save).
(function () {
    const sum = document.getElementById("funds-sum");
    if (!sum) {
        return;
    }
    const budget = document.getElementById("Input_Budget");
    const fiscal = document.getElementById("Input_FiscalFunds");
    const other = document.getElementById("Input_OtherFunds");
    const output = sum.querySelector("output");
    const mismatch = sum.querySelector(".funds-mismatch");
    const parse = function (input) {
        const text = (input.value || "").replace(/[,，\s]/g, "");
        if (text === "") {
            return 0;
        }
        return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    };
    const cents = function (n) { return Math.round(n * 100); };
    const update = function () {
        const total = parse(fiscal) + parse(other);
        if (Number.isNaN(total)) {
            output.textContent = "—";
            mismatch.hidden = true;
            return;
        }
        output.textContent = total.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        const b = parse(budget);
        mismatch.hidden = Number.isNaN(b) || (budget.value || "").trim() === "" || cents(b) === cents(total);
    };
    [budget, fiscal, other].forEach(function (input) { input.addEventListener("input", update); });
    update();
})();
