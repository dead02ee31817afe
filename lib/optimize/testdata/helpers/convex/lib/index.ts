export { docsOfOrg } from "./db";
export * from "./db";
