/**
 * Renders the chat view for the README: the extension's own page (chat-html.ts) in headless chromium, with
 * VS Code's webview API replaced by a bridge that answers through the extension's `ask()` against the real language
 * server on the fixture project (the local designer). Types a request, waits for the proposal, and saves the shot.
 * Run: npx tsx editors/vscode/screenshot.mts [out.png]   (needs Debian's chromium at /usr/bin/chromium)
 */
import path from "node:path";
import { chromium } from "playwright-core";
import { startLsp } from "../../cli/lsp/testing";
import { ask } from "./src/assistant";
import { chatHtml } from "./src/chat-html";

const out = path.resolve(process.argv[2] ?? "docs/images/vscode-chat.png");
const lsp = await startLsp();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  lsp.open("convex/schema.ts");
  await lsp.waitForDiagnostics("convex/schema.ts");
  const page = await browser.newPage({ viewport: { width: 540, height: 500 }, deviceScaleFactor: 2 });
  page.on("pageerror", (e) => console.error("page error:", e.message));
  let next = 0;
  await page.exposeFunction("__ask", async (text: string) => {
    const a = await ask(text, [], (method, params) => lsp.connection.sendRequest(method, params));
    return {
      type: "reply",
      id: String(++next),
      reply: a.reply,
      questions: a.questions,
      notes: a.notes,
      diff: a.diff,
      canApply: !!a.edit,
      source: a.source,
    };
  });
  // VS Code's webview API, as the page sees it: messages to the extension go to the bridge above.
  const bridge = `<script nonce="n0nce">window.acquireVsCodeApi = () => ({ postMessage: async (msg) => {
    if (msg.type === "ask") window.postMessage(await window.__ask(msg.text), "*");
  } });</script>`;
  await page.setContent(chatHtml("n0nce", "'self'").replace("<body>", `<body>${bridge}`));
  await page.fill("#input", "add soft delete to tasks");
  await page.click("button[type=submit]");
  await page.waitForSelector("pre.diff");
  await page.screenshot({ path: out });
  console.log(`Saved ${path.relative(process.cwd(), out)}.`);
} finally {
  await browser.close();
  await lsp.stop();
}
