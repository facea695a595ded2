// In the browser page of the comment-rendering test (__tests__/helpers/browser.ts): renders a
// comment's Markdown as GitHub does (marked + marked-alert, GFM), opens every <details>, draws each
// Mermaid block with mermaid.min.js, and measures what a reviewer would have to scroll or squint at.
/* global window, document, marked, markedAlert, mermaid */
"use strict";
window.renderComment = async function renderComment(text) {
  const comment = document.getElementById("comment");
  comment.innerHTML = new marked.Marked({ gfm: true }, markedAlert()).parse(text);
  for (const details of document.querySelectorAll("details")) details.open = true;
  mermaid.initialize({ startOnLoad: false, theme: "default", securityLevel: "strict" });
  const diagrams = [];
  const blocks = Array.from(document.querySelectorAll("pre > code.language-mermaid"));
  for (const [i, block] of blocks.entries()) {
    const holder = document.createElement("div");
    block.parentElement.replaceWith(holder);
    try {
      const { svg } = await mermaid.render(`diagram${i}`, block.textContent);
      holder.innerHTML = svg;
      const element = holder.querySelector("svg");
      const labels = Array.from(holder.querySelectorAll(".nodeLabel"))
        .map((label) => label.getBoundingClientRect().height)
        .filter((height) => height > 0);
      diagrams.push({
        svg: true,
        width: element.getBoundingClientRect().width,
        minLabelHeight: labels.length > 0 ? Math.min(...labels) : 0,
        labels: labels.length,
      });
    } catch (error) {
      diagrams.push({ svg: false, width: 0, minLabelHeight: 0, labels: 0, error: String(error) });
    }
  }
  const tables = Array.from(comment.querySelectorAll("table")).map((table) => ({
    width: table.getBoundingClientRect().width,
    scrollWidth: table.scrollWidth,
    firstCell: (table.querySelector("tbody td:nth-child(2)") || { textContent: "" }).textContent.slice(0, 60),
  }));
  return { tables, diagrams };
};
