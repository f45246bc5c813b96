// A form of files (``data-progress``) shows how far their sending has got, with a progress bar
// and a status line read out at each quarter. The form is sent as the browser would send it;
// the page answers with the address to open next, so the next page is a real page load with its
// messages. Without the script, or when the answer is a page (a problem with the form), the
// browser sends the form itself.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-progress]") || event.defaultPrevented || form.dataset.sending) return;
  const files = [...form.querySelectorAll("input[type=file]")].flatMap((input) => [...input.files]);
  if (!files.length) return;
  event.preventDefault();
  form.dataset.sending = "";
  const box = form.querySelector("[data-progress-bar]");
  const bar = box.querySelector("progress");
  const status = box.querySelector("[data-progress-status]");
  const count = files.length === 1 ? "1 file" : `${files.length} files`;
  const megabytes = (files.reduce((sum, file) => sum + file.size, 0) / 1e6).toFixed(1);
  let said = -1;
  box.hidden = false;
  bar.hidden = false;
  status.textContent = `Sending ${count} (${megabytes} MB): 0%.`;

  const request = new XMLHttpRequest();
  request.open("POST", form.action || window.location.href);
  request.setRequestHeader("X-Upload-Progress", "1");
  request.upload.addEventListener("progress", (sent) => {
    if (!sent.lengthComputable) return;
    const percent = Math.round((100 * sent.loaded) / sent.total);
    bar.value = percent;
    if (Math.floor(percent / 25) > said) {
      said = Math.floor(percent / 25);
      status.textContent = `Sending ${count} (${megabytes} MB): ${percent}%.`;
    }
  });
  request.upload.addEventListener("load", () => {
    bar.removeAttribute("value");
    status.textContent = `Sent ${count}; panelbook is reading them. This can take a minute for long papers.`;
  });
  request.addEventListener("load", () => {
    const answer = request.getResponseHeader("Content-Type") || "";
    if (request.status === 200 && answer.startsWith("application/json")) {
      window.location.assign(JSON.parse(request.responseText).location);
      return;
    }
    form.submit(); // a problem with the form: the browser sends it, and shows the page with it
  });
  request.addEventListener("error", () => {
    delete form.dataset.sending;
    bar.hidden = true;
    form.querySelectorAll("[data-sent]").forEach((button) => {
      button.disabled = false;
      delete button.dataset.sent;
    });
    status.textContent = "The files could not be sent: the connection to panelbook failed. Nothing was stored; try again.";
  });
  request.send(new FormData(form, event.submitter));
});
