/** What every benchmark module under scripts/bench/ exports, so bench.ts can run and print them. */

export interface BenchOptions {
  /** Repository root. */
  root: string;
  /** Scratch folder for this run (bundles, data directories). */
  workDir: string;
  /** Repetitions for timed benchmarks. */
  runs: number;
  /** Requests per query kind for latency benchmarks (each benchmark has its default). */
  requests?: number;
  /** A quick smoke run: smallest data set, few requests. */
  quick?: boolean;
  /** Rebuild persistent benchmark databases even when they look current. */
  rebuild?: boolean;
  /** postgres:// URL of the maintenance database of the local PostgreSQL the database benchmarks use. */
  pg?: string;
}

export interface Section {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** One-line remarks printed under the table (targets, caveats). */
  notes?: string[];
  /** False when a target was missed (bench.ts exits 1 with --check). */
  ok?: boolean;
}

export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions, shared: SharedState): Promise<Section[]>;
}

/** Results later benchmarks reuse (the bundle is built once). */
export interface SharedState {
  graphqlBundle?: { file: string; bytes: number; gzipBytes: number };
}
