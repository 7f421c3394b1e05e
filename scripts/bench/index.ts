import { bundleSize } from "./bundle.ts";
import { cli } from "./cli.ts";
import { coldStart } from "./cold-start.ts";
import { figures } from "./figures.ts";
import { hostile } from "./hostile.ts";
import { ingest } from "./ingest.ts";
import { joint } from "./joint.ts";
import { layer } from "./layer.ts";
import { releases } from "./releases.ts";
import { reports } from "./reports.ts";
import type { Benchmark } from "./types.ts";

/** Every benchmark, in run order. */
export const BENCHMARKS: Benchmark[] = [bundleSize, coldStart, figures, releases, joint, ingest, reports, hostile, layer, cli];
