/**
 * The demo project every new user gets: a team task tracker, the kind of Convex app our users build — its
 * convex/schema.ts and function files as text. Seeded by convex/projects/projectsNode.ts; tests across the engine use it as a
 * realistic project.
 */
export { DEMO_FUNCTION_FILES } from "./functions";
export { DEMO_PROJECT_NAME, DEMO_SCHEMA_SOURCE } from "./schema";
