// Lays out the diagram off the main thread: ELK on a 1,000-table schema takes seconds.
import ELK from "elkjs/lib/elk.bundled.js";
import { type DiagramGraph, layoutGraph } from "@/lib/diagram";

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ key: string; graph: DiagramGraph }>) => {
  const { key, graph } = event.data;
  try {
    const positions = await layoutGraph(graph, elk);
    self.postMessage({ key, positions });
  } catch (err) {
    self.postMessage({ key, error: err instanceof Error ? err.message : String(err) });
  }
};
