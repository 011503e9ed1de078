// Buttons marked data-print open the browser's print dialog (the print stylesheet hides navigation; A4).
document.addEventListener("click", function (event) {
    const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (button) {
        window.print();
    }
});
