// Scroll the source text so the highlighted span is in view, without moving the page itself.
document.querySelectorAll("pre.source-text").forEach((box) => {
  const mark = box.querySelector("mark");
  if (mark) box.scrollTop = mark.offsetTop - box.offsetTop - box.clientHeight / 3;
});
