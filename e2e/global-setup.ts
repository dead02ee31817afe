import { rmSync } from "node:fs";

// Every e2e run starts from an empty backend.
export default function globalSetup(): void {
  rmSync(".data/e2e", { recursive: true, force: true });
}
