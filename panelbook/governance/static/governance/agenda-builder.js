// The agenda built in one form: buttons move a line up or down (the order numbers follow), and
// "Add another item" adds an empty line. Without the script the order numbers and the three
// empty lines do the same job, and the form sends the same fields.
document.addEventListener("DOMContentLoaded", () => {
  const list = document.querySelector("[data-agenda-rows]");
  if (!list) return;
  const form = list.closest("form");
  const template = form.querySelector("template[data-agenda-row-template]");
  const total = form.querySelector("input[name$='-TOTAL_FORMS']");
  const announce = form.querySelector("[data-agenda-announce]");

  const rows = () => [...list.querySelectorAll("[data-agenda-row]")];
  const nameOf = (row) => row.querySelector("input[name$='-title']").value.trim() || "the new item";

  function renumber() {
    rows().forEach((row, index) => {
      row.querySelector("input[name$='-ORDER']").value = index + 1;
    });
  }

  function move(row, step, button) {
    const all = rows();
    const to = all.indexOf(row) + step;
    if (to < 0 || to >= all.length) return;
    if (step < 0) list.insertBefore(row, all[to]);
    else list.insertBefore(row, all[to].nextSibling);
    renumber();
    button.focus();
    announce.textContent = `${nameOf(row)} is now number ${to + 1} in the order.`;
  }

  function addButtons(row) {
    const bar = document.createElement("div");
    for (const [label, step] of [["Move up", -1], ["Move down", 1]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary move";
      button.textContent = label;
      button.addEventListener("click", () => move(row, step, button));
      bar.append(button);
    }
    row.append(bar);
  }

  rows().forEach(addButtons);
  renumber();

  const add = document.createElement("button");
  add.type = "button";
  add.className = "secondary";
  add.textContent = "Add another item";
  add.addEventListener("click", () => {
    const index = Number(total.value);
    const holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replaceAll("__prefix__", index);
    const row = holder.querySelector("[data-agenda-row]");
    list.append(row);
    total.value = index + 1;
    addButtons(row);
    renumber();
    row.querySelectorAll("select[data-picker]").forEach((select) => window.panelbookPicker?.(select));
    row.querySelector("input[name$='-title']").focus();
  });
  list.after(add);
});
