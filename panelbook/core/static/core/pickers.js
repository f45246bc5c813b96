// Searchable pickers: a long list of people, papers or agenda items becomes a box that filters its
// options as you type (Tom Select, installed from the npm registry by scripts/_venv.sh and served
// by panelbook). Without the script the plain list stays, and the form works the same.
// ``window.panelbookPicker(select)`` makes one for a list a page adds later (a new agenda line).
window.panelbookPicker = (select) => {
  // TomSelect comes from tom-select.complete.min.js, loaded just before this script.
  new TomSelect(select, {
    maxOptions: null,
    plugins: select.multiple ? ["remove_button"] : [],
  });
  // Tom Select points the field's label at its own box; the list it hides (still what the form
  // sends) keeps the label's name too, or it reads as a list without a name.
  const label = document.querySelector(`label[for="${select.id}-ts-control"]`);
  if (label) {
    label.id ||= `${select.id}-label`;
    select.setAttribute("aria-labelledby", label.id);
  }
};
document.querySelectorAll("select[data-picker]").forEach(window.panelbookPicker);
