import { bundleSize } from "./bundle.ts";
import { coldStart } from "./cold-start.ts";
import type { Benchmark } from "./types.ts";

/** Every benchmark, in run order. Add database benchmarks (query latency against PGlite/Neon) here. */
export const BENCHMARKS: Benchmark[] = [bundleSize, coldStart];
