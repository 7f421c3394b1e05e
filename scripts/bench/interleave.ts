/**
 * Latency sampling that survives a noisy machine: every probe (query kind × database) takes its
 * turn round-robin, its samples spread evenly over the whole run, so a slow spell hits all of them
 * alike and their ratios stay meaningful. Warm-up rounds run the same way, untimed.
 */

export interface Probe {
  id: string;
  /** Timed executions. */
  n: number;
  /** Untimed executions first. */
  warmup: number;
  /** One execution; `i` counts this probe's executions (warm-up included), e.g. to pick an area. */
  run(i: number): Promise<void>;
}

/** The q-th percentile (0–100), nearest-rank on the sorted samples. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Whether a probe with `n` executions over `rounds` rounds runs in round `i` (evenly spread). */
const due = (n: number, rounds: number, i: number) => Math.floor(((i + 1) * n) / rounds) > Math.floor((i * n) / rounds);

async function phase(
  probes: Probe[],
  count: (p: Probe) => number,
  counters: Map<string, number>,
  record: ((p: Probe, ms: number) => void) | null,
  progress?: (done: number, rounds: number) => void,
) {
  const rounds = Math.max(0, ...probes.map(count));
  for (let i = 0; i < rounds; i++) {
    // Rotate the starting probe each round so no probe always follows the same one.
    for (let k = 0; k < probes.length; k++) {
      const probe = probes[(i + k) % probes.length]!;
      if (!due(count(probe), rounds, i)) continue;
      const index = counters.get(probe.id) ?? 0;
      counters.set(probe.id, index + 1);
      const start = performance.now();
      await probe.run(index);
      const elapsed = performance.now() - start;
      record?.(probe, elapsed);
    }
    progress?.(i + 1, rounds);
  }
}

export async function interleave(probes: Probe[], log?: (line: string) => void): Promise<Map<string, number[]>> {
  const counters = new Map<string, number>();
  const samples = new Map<string, number[]>(probes.map((p) => [p.id, []]));
  const started = performance.now();
  await phase(probes, (p) => p.warmup, counters, null);
  log?.(`warm-up done in ${((performance.now() - started) / 1000).toFixed(1)} s; measuring…`);
  let nextReport = 0.25;
  await phase(
    probes,
    (p) => p.n,
    counters,
    (p, ms) => samples.get(p.id)!.push(ms),
    (done, rounds) => {
      if (done / rounds >= nextReport && done < rounds) {
        log?.(`${Math.round((100 * done) / rounds)} % (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        nextReport += 0.25;
      }
    },
  );
  return samples;
}
