import { Worker } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { type ChartDrawer, drawChartsWith, drawHere } from "./charts.ts";

/**
 * The worker's bootstrap: this source is TypeScript run by tsx, whose loader a worker does not
 * inherit, so the worker imports its module through tsx's API.
 */
function workerSource(): string {
  const module = new URL("./chart-worker.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  return `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(module)}, ${JSON.stringify(module)}));`;
}

type Answer = { id: number; svg: string } | { id: number; error: string };

/**
 * Draws every chart of this process in a worker thread from now on, until `close`: a long-lived
 * server's reports then cost its event loop only their figures. If the thread cannot start,
 * charts are drawn here.
 */
export function drawChartsInThread(): { close(): Promise<void> } {
  let worker: Worker | null = null;
  let working = false;
  let failed = false;
  let next = 0;
  const pending = new Map<number, { resolve(svg: string): void; reject(error: Error): void }>();
  const start = (): Worker => {
    const started = new Worker(workerSource(), { eval: true });
    started.unref();
    started.on("message", (answer: Answer) => {
      working = true;
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if ("svg" in answer) waiting?.resolve(answer.svg);
      else waiting?.reject(new Error(answer.error));
    });
    started.on("error", (error) => {
      // A thread that never answered could not load: draw here from now on.
      if (!working) failed = true;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      worker = null;
    });
    return started;
  };
  const draw: ChartDrawer = (spec: TopLevelSpec) => {
    if (!failed && !worker) {
      try {
        worker = start();
      } catch {
        failed = true;
      }
    }
    if (failed) return drawHere(spec);
    const id = next++;
    return new Promise<string>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker!.postMessage({ id, spec });
    }).catch((error: Error) => (failed ? drawHere(spec) : Promise.reject(error)));
  };
  drawChartsWith(draw);
  // Loading Vega takes the thread a second or two: done now, not in the first report asked for.
  draw({ data: { values: [] }, mark: "point" }).catch(() => {});
  return {
    async close() {
      drawChartsWith(null);
      await worker?.terminate();
      worker = null;
    },
  };
}
