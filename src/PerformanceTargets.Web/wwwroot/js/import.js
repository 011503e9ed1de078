// Upload with a progress bar: the form is sent with XMLHttpRequest and the server's page replaces this one.
(function () {
    const form = document.getElementById("import-form");
    if (!form || !window.XMLHttpRequest || !window.FormData) {
        return;
    }
    const bar = document.getElementById(form.dataset.progress);
    const status = document.getElementById("import-status");
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        const request = new XMLHttpRequest();
        request.open("POST", form.action || window.location.href);
        request.upload.addEventListener("progress", function (e) {
            if (e.lengthComputable) {
                bar.hidden = false;
                bar.value = Math.round((e.loaded / e.total) * 100);
                status.textContent = "正在上传 " + bar.value + "%";
            }
        });
        request.upload.addEventListener("load", function () {
            status.textContent = "上传完成，正在检查和导入……";
        });
        request.addEventListener("load", function () {
            document.open();
            document.write(request.responseText);
            document.close();
        });
        request.addEventListener("error", function () {
            status.textContent = "上传失败，请检查网络后重试。";
        });
        form.querySelector("button[type=submit]").disabled = true;
        request.send(new FormData(form));
    });
})();
