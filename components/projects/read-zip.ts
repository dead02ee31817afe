import { strFromU8, unzipSync } from "fflate";

const TEXT_FILE = /\.(ts|tsx|js|mjs|cjs|jsx|json)$/;

/** The text files of a zipped project folder (binary files and dependencies are skipped). */
export async function readZip(file: File): Promise<{ path: string; content: string }[]> {
  const entries = unzipSync(new Uint8Array(await file.arrayBuffer()), {
    filter: (f) => TEXT_FILE.test(f.name) && !f.name.includes("node_modules/") && f.originalSize < 2_000_000,
  });
  return Object.entries(entries).map(([path, bytes]) => ({ path, content: strFromU8(bytes) }));
}
