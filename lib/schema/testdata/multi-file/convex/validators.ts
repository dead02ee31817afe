// Barrel file: re-exports everything from fields.ts plus one renamed export.
export * from "./fields";
export { default as created } from "./fields";
export * as fieldsNs from "./fields";
