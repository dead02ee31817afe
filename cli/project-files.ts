/**
 * Reads a Convex project from disk for the schema parser: Node's file system adapted to the engine's ProjectFs
 * (lib/schema/project), which decides what to read.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { collectProjectFiles, type ProjectFiles, type ProjectFs } from "../lib/schema/project";

export type { ProjectFiles };

/** A ProjectFs over the folder `root`; paths in messages are absolute. */
export function nodeProjectFs(root: string): ProjectFs {
  const abs = (p: string) => path.resolve(root, p);
  return {
    readFile: (p) => readFile(abs(p), "utf8").catch(() => undefined),
    isFile: (p) =>
      stat(abs(p)).then(
        (s) => s.isFile(),
        () => false,
      ),
    readDir: (p) =>
      readdir(abs(p), { withFileTypes: true }).then(
        (es) => es.map((e) => ({ name: e.name, isDirectory: e.isDirectory() })),
        () => [],
      ),
    display: (p) => abs(p),
  };
}

/** Reads a project's schema files; rejects with a clear message when `<dir>/convex/schema.ts` does not exist. */
export function readProjectFiles(dir: string): Promise<ProjectFiles> {
  return collectProjectFiles(nodeProjectFs(path.resolve(dir)));
}
