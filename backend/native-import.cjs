// A real dynamic import that test runners (vitest's module runner) cannot intercept: loaded with Node's own
// require, so `import()` here is Node's loader. The bundles of a project's functions are plain Node ESM.
module.exports = (url) => import(url);
