// Client-side checks mirror the server's FluentValidation rules where they can (required, length); the server always validates.
document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("data-no-client-validation")) {
        return;
    }
    let ok = true;
    form.querySelectorAll("[data-val-required]").forEach(function (input) {
        const message = input.getAttribute("data-val-required");
        const slot = form.querySelector('[data-valmsg-for="' + input.name + '"]');
        if (!input.value.trim()) {
            ok = false;
            if (slot) { slot.textContent = message; }
        } else if (slot) {
            slot.textContent = "";
        }
    });
    if (!ok) {
        event.preventDefault();
    }
});
