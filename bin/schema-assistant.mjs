#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so no build step stands between a clone and the tool.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
