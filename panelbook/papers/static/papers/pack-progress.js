// A pack being built shows how far its build has got: the page asks the status address
// (``data-pack-status``) every second and, once the pack is built or the build has stopped,
// loads itself again to show the download or the reason. Without the script the page reloads
// itself (a refresh in <noscript>).
const packStatus = document.querySelector("[data-pack-status]");
const packBar = packStatus && packStatus.querySelector("progress");
if (packBar) {
  const step = packStatus.querySelector("[data-pack-step]");
  const ask = async () => {
    try {
      const answer = await fetch(packStatus.dataset.packStatus, { headers: { Accept: "application/json" } });
      const status = await answer.json();
      if (status.state !== "building") {
        window.location.reload();
        return;
      }
      packBar.value = status.percent;
      step.textContent = `Building the pack: step ${status.done + 1} of ${status.total}: ${status.step}.`;
    } catch (error) {
      step.textContent = "panelbook could not be asked how far the pack has got; it will ask again.";
    }
    window.setTimeout(ask, 1000);
  };
  window.setTimeout(ask, 1000);
}
