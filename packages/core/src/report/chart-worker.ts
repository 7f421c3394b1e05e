import { parentPort } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { drawHere } from "./charts.ts";

// The chart thread (chart-thread.ts): draws each spec it is sent and answers with the SVG.
parentPort!.on("message", async ({ id, spec }: { id: number; spec: TopLevelSpec }) => {
  try {
    parentPort!.postMessage({ id, svg: await drawHere(spec) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
