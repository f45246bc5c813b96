// A courtesy against double clicks: once a form is sent, its buttons are disabled until the next
// page. The server refuses a second sending anyway (one-time form tokens, record revisions).
const SENT = "button[type=submit], input[type=submit]";

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.method.toLowerCase() !== "post") return;
  // Disable after the browser has read the form, so the pressed button's own value still goes.
  setTimeout(() =>
    form.querySelectorAll(SENT).forEach((button) => {
      button.disabled = true;
      button.dataset.sent = "";
    }),
  );
});

// A page restored from the back-forward cache gets back the buttons this script disabled.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("[data-sent]").forEach((button) => {
    button.disabled = false;
    delete button.dataset.sent;
  });
});
