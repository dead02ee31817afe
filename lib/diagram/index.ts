/** The ER diagram engine: model → nodes and edges, layout, navigation, change marks and SVG export. Pure. */
export * from "./graph";
export * from "./navigate";
export * from "./layout";
export * from "./highlight";
export * from "./svg";
export * from "./designer";
export * from "./overlay";
