// The ES module build of @mrleebo/prisma-ast has the same API as the package entry. We load it directly because
// the CommonJS entry `require`s chevrotain (ES-only), which breaks under tsx's require hook (`npx tsx ...`).
declare module "@mrleebo/prisma-ast/dist/prisma-ast.esm.js" {
  export * from "@mrleebo/prisma-ast";
}
