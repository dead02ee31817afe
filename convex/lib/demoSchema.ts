// The demo project lives in lib/demo (pure data the engine's tests use too); this module keeps Convex's module list.
export { DEMO_PROJECT_NAME, DEMO_SCHEMA_SOURCE } from "../../lib/demo";
