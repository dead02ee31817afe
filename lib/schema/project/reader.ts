/**
 * How the project reader sees a file system: paths are relative to the project root, with "/" (they may start with
 * "../" to look above it, for node_modules). The CLI adapts Node's fs (cli/project-files.ts); the language server
 * overlays unsaved buffers; tests pass folders or in-memory maps.
 */
export interface ProjectFs {
  /** The file's text, or undefined when it is not a readable file. */
  readFile(path: string): Promise<string | undefined>;
  /** Whether a file exists at the path (cheaper than reading it). */
  isFile(path: string): Promise<boolean>;
  /** Entries of a folder; [] when it is not one. */
  readDir(path: string): Promise<Array<{ name: string; isDirectory: boolean }>>;
  /** How to name a path in messages (e.g. absolute). @default the path itself */
  display?(path: string): string;
}

/** "a/b" + "../c" → "a/c"; keeps leading ".." that leave the root ("../node_modules/x"). */
export function joinPath(dir: string, spec: string): string {
  const out: string[] = [];
  for (const seg of `${dir}/${spec}`.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && out.length && out[out.length - 1] !== "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** An in-memory ProjectFs over `{ path: text }`, for tests and for callers that already hold the files. */
export function memoryFs(files: Record<string, string>): ProjectFs {
  const norm = (p: string) => joinPath("", p);
  const all = new Map(Object.entries(files).map(([k, v]) => [norm(k), v]));
  return {
    readFile: async (p) => all.get(norm(p)),
    isFile: async (p) => all.has(norm(p)),
    readDir: async (p) => {
      const prefix = norm(p) ? `${norm(p)}/` : "";
      const seen = new Map<string, boolean>();
      for (const key of all.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length).split("/");
        seen.set(rest[0], (seen.get(rest[0]) ?? false) || rest.length > 1);
      }
      return [...seen].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}
