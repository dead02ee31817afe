/**
 * The ER diagram engine: model → nodes and edges, layout, navigation, change marks, the canvas overview of large
 * schemas, the designer's operations and SVG export. Pure (no React, no DOM): components/diagram renders it.
 */
export * from "./graph";
export * from "./navigate";
export * from "./layout";
export * from "./quick-layout";
export * from "./split";
export * from "./highlight";
export * from "./svg";
export * from "./designer";
export * from "./overlay";
export * from "./overview";
