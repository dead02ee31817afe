/**
 * The chat view's page: a conversation, each proposal with its diff and an Apply button. Messages in from the
 * extension: `{ type: "reply", id, reply, questions, notes, diff?, canApply, source }`, `{ type: "applied", id }`,
 * `{ type: "error", message }`; out: `{ type: "ask", text }`, `{ type: "apply", id }`. Text is always inserted as
 * text (never as HTML), and the content security policy allows only this page's own nonce-marked script and style.
 */
export function chatHtml(nonce: string, cspSource: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #ccc); background: var(--vscode-sideBar-background, #1e1e1e); margin: 0; padding: 8px; display: flex; flex-direction: column; height: 100vh; box-sizing: border-box; }
  #log { flex: 1; overflow-y: auto; }
  .msg { margin: 0 0 10px; padding: 6px 8px; border-radius: 4px; white-space: pre-wrap; line-height: 1.4; }
  .user { background: var(--vscode-input-background, #2a2d2e); }
  .assistant { border-left: 2px solid var(--vscode-focusBorder, #3794ff); }
  .meta { opacity: .7; font-size: 11px; margin-top: 4px; }
  .questions { margin: 6px 0 0; padding-left: 18px; }
  pre.diff { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; background: var(--vscode-textCodeBlock-background, #111); padding: 6px; overflow-x: auto; margin: 6px 0; white-space: pre; }
  .add { color: var(--vscode-gitDecoration-addedResourceForeground, #81b88b); }
  .del { color: var(--vscode-gitDecoration-deletedResourceForeground, #c74e39); }
  .hunk { color: var(--vscode-descriptionForeground, #888); }
  button { background: var(--vscode-button-background, #0e639c); color: var(--vscode-button-foreground, #fff); border: 0; padding: 4px 12px; border-radius: 2px; cursor: pointer; }
  button:disabled { opacity: .5; cursor: default; }
  form { display: flex; gap: 6px; margin-top: 6px; }
  textarea { flex: 1; resize: vertical; min-height: 34px; background: var(--vscode-input-background, #3c3c3c); color: var(--vscode-input-foreground, #ccc); border: 1px solid var(--vscode-input-border, #555); padding: 4px; font-family: inherit; }
  .error { color: var(--vscode-errorForeground, #f48771); }
</style></head>
<body>
<div id="log" role="log" aria-live="polite"></div>
<form id="form"><textarea id="input" placeholder="Describe a schema change, e.g. add soft delete to tasks" aria-label="Message"></textarea><button type="submit">Send</button></form>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const log = document.getElementById("log");
  const input = document.getElementById("input");
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  const add = (node) => { log.appendChild(node); log.scrollTop = log.scrollHeight; };
  function diffBlock(diff) {
    const pre = el("pre", "diff");
    for (const line of diff.split("\\n")) {
      if (!line || /^(---|\\+\\+\\+|Index:|====|\\\\ No newline)/.test(line)) continue;
      const cls = line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : "";
      pre.appendChild(el("span", cls, line + "\\n"));
    }
    return pre;
  }
  function ask(text) {
    add(el("div", "msg user", text));
    vscode.postMessage({ type: "ask", text });
  }
  document.getElementById("form").addEventListener("submit", (e) => { e.preventDefault(); const t = input.value.trim(); if (t) { input.value = ""; ask(t); } });
  input.addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); document.getElementById("form").requestSubmit(); } });
  window.addEventListener("message", ({ data }) => {
    if (data.type === "error") return add(el("div", "msg assistant error", data.message));
    if (data.type === "applied") {
      const b = document.querySelector('button[data-id="' + data.id + '"]');
      if (b) { b.textContent = "Applied"; b.disabled = true; }
      return;
    }
    if (data.type !== "reply") return;
    const box = el("div", "msg assistant", data.reply);
    if (data.questions && data.questions.length) {
      const ul = el("ul", "questions");
      for (const q of data.questions) ul.appendChild(el("li", "", q));
      box.appendChild(ul);
    }
    for (const n of data.notes || []) box.appendChild(el("div", "meta", n));
    if (data.diff) box.appendChild(diffBlock(data.diff));
    if (data.canApply) {
      const b = el("button", "", "Apply to schema.ts");
      b.dataset.id = data.id;
      b.addEventListener("click", () => { b.disabled = true; vscode.postMessage({ type: "apply", id: data.id }); });
      box.appendChild(b);
    }
    box.appendChild(el("div", "meta", data.source));
    add(box);
  });
</script>
</body></html>`;
}
