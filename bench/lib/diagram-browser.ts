/**
 * In-page probes for the diagram benchmark, installed before the app's scripts run: every animation frame's
 * time, long tasks, and the moments the layout spinner and the first table nodes appear.
 */

export interface PageProbe {
  frames: number[];
  longTasks: { start: number; duration: number }[];
  spinnerAt: number | null;
  nodesAt: number | null;
  nodeCountAtPaint: number;
  recording: boolean;
}

/**
 * The probe's source, run by `addInitScript` before the app's scripts. Plain JavaScript text rather than a
 * function: tsx would wrap a function's inner names in a helper the page does not have.
 */
export const PROBE_SCRIPT = `(() => {
  const probe = { frames: [], longTasks: [], spinnerAt: null, nodesAt: null, nodeCountAtPaint: 0, recording: true };
  window.__probe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  function tick(t) {
    if (probe.recording) probe.frames.push(t);
    if (probe.nodesAt === null) {
      if (probe.spinnerAt === null) {
        for (const s of document.querySelectorAll('[role="status"]')) if (s.textContent.includes("Laying out")) probe.spinnerAt = t;
      }
      const count = document.querySelectorAll(".react-flow__node-table").length;
      if (count > 0) {
        probe.nodesAt = t;
        probe.nodeCountAtPaint = count;
      }
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();`;

/** Frame-to-frame intervals of the frames recorded between `from` and `to` (page clock). */
export function intervals(frames: number[], from = -Infinity, to = Infinity): number[] {
  const inside = frames.filter((t) => t >= from && t <= to);
  return inside.slice(1).map((t, i) => t - inside[i]);
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
