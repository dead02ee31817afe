/** tsconfig path aliases of a project on disk (the rules live in lib/schema/project/tsconfig-paths.ts). */
import type { PathAlias } from "../lib/schema/paths";
import { readPathAliases as readAliases } from "../lib/schema/project";
import { nodeProjectFs } from "./project-files";

export { stripJsonComments } from "../lib/schema/project";

/** Aliases for the functions in `functionsDir` (relative to `root`); [] when no tsconfig declares any. */
export function readPathAliases(root: string, functionsDir: string): Promise<PathAlias[]> {
  return readAliases(nodeProjectFs(root), functionsDir);
}
