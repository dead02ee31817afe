import fs from "node:fs";
import { functionsDirOf } from "../backend/loader.js";
import { generateConvexCode } from "./convex-codegen";

/**
 * What `npx convex dev` does for `_generated`: writes it now (throwing on failure), then again after every change to
 * the functions folder (failures logged). Returns a function that stops watching.
 */
export async function generateAndWatch(projectDir: string, log: (line: string) => void): Promise<() => void> {
  const report = (written: string[]) => {
    if (written.length) log(`codegen: wrote ${written.map((f) => `_generated/${f}`).join(", ")}`);
  };
  report((await generateConvexCode(projectDir)).written);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const watcher = fs.watch(functionsDirOf(projectDir), { recursive: true }, (_event, file) => {
    // Our own writes land in _generated; editors' temp files start with a dot.
    if (!file || /(^|[\\/])(\.|node_modules|_generated([\\/]|$))/.test(String(file))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() =>
        generateConvexCode(projectDir).then(
          (r) => report(r.written),
          (e: Error) => log(`codegen failed: ${e.message}`),
        ),
      );
    }, 150);
  });
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
