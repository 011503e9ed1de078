// Draws every <canvas data-chart="{type, labels, datasets}"> of the dashboard with Chart.js (vendored in /lib/chartjs).
// No inline script: the data comes from the data-chart attribute; without JavaScript the tables beside the charts remain.
(function () {
    'use strict';
    if (typeof window.Chart !== 'function') {
        return;
    }
    var colors = ['#2b6cb0', '#dd6b20', '#38a169', '#805ad5', '#e53e3e'];
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var spec;
        try {
            spec = JSON.parse(canvas.getAttribute('data-chart'));
        } catch (e) {
            return;
        }
        new window.Chart(canvas, {
            type: spec.type,
            data: {
                labels: spec.labels,
                datasets: spec.datasets.map(function (d, i) {
                    return { label: d.label, data: d.data, backgroundColor: colors[i % colors.length], borderColor: colors[i % colors.length], spanGaps: false };
                })
            },
            options: { responsive: true, maintainAspectRatio: true, aspectRatio: 2.5, plugins: { legend: { position: 'bottom' } } }
        });
    });
}());
