/** Reading a Convex project's schema files through an injected file system (no I/O here). */
export { collectProjectFiles, functionsFolderOf, type ProjectFiles } from "./collect";
export { dirname, joinPath, memoryFs, type ProjectFs } from "./reader";
export { readPathAliases, stripJsonComments } from "./tsconfig-paths";
