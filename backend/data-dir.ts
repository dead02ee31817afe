/**
 * The data folder holds the database, its write-ahead log, stored files and keys: readable by its owner only.
 * New files are created 0600 (backend/persistence.ts); this fixes a folder made by an older version, or by a
 * process with a loose umask, on every start.
 */
import fs from "node:fs";
import path from "node:path";

/** Creates `dir` if needed and makes it and everything below it owner-only (folders 0700, files without group/other bits). */
export function restrictDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (p: string) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) fs.chmodSync(p, 0o700);
      for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    } else if (stat.mode & 0o077) {
      fs.chmodSync(p, stat.mode & 0o700);
    }
  };
  walk(dir);
}
