import { describe, expect, it } from "vitest";
import { createProgressBar, formatDuration, renderProgress } from "./progress.ts";

describe("renderProgress", () => {
  it("draws the bar, percentage, count, rate and ETA", () => {
    expect(renderProgress({ label: "seed", done: 2500, total: 10_000, elapsedMs: 5000, columns: 100 })).toBe(
      "seed [██████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░]  25% 2,500/10,000 · 500/s · ETA 0:15",
    );
    expect(renderProgress({ label: "import", done: 10_000, total: 10_000, elapsedMs: 4000, columns: 80 })).toMatch(
      /^import \[█+\] 100% 10,000\/10,000 · 2,500\/s · ETA 0:00$/,
    );
  });

  it("says the ETA is unknown before anything is done, and never overshoots", () => {
    expect(renderProgress({ label: "x", done: 0, total: 5, elapsedMs: 0, columns: 60 })).toMatch(/ {3}0% 0\/5 · 0\/s · ETA --:--$/);
    expect(renderProgress({ label: "x", done: 7, total: 5, elapsedMs: 1000, columns: 60 })).toMatch(/100% 5\/5 · 5.0\/s · ETA 0:00$/);
  });

  it("fits the terminal: a narrower bar, then none, then a cut line", () => {
    const line = (columns: number) => renderProgress({ label: "reports", done: 3, total: 12, elapsedMs: 3000, columns });
    expect(line(60)).toHaveLength(59);
    expect(line(40)).toBe("reports  25% 3/12 · 1.0/s · ETA 0:09");
    expect(line(20)).toBe("reports  25% 3/12 ·");
  });

  it("writes durations as m:ss or h:mm:ss", () => {
    expect([formatDuration(0), formatDuration(75), formatDuration(4000), formatDuration(null)]).toEqual(["0:00", "1:15", "1:06:40", "--:--"]);
  });
});

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 70, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream };
}

describe("createProgressBar", () => {
  it("redraws one line on a terminal, at most once an interval, and clears it at the end", () => {
    const { writes, stream } = fakeStream(true);
    let t = 0;
    const bar = createProgressBar({ label: "seed", total: 4, stream, now: () => t });
    t = 1000;
    bar.update(1);
    t = 1050;
    bar.update(2);
    t = 2000;
    bar.update(4);
    bar.note("rebuilding");
    bar.finish();
    expect(writes).toHaveLength(4);
    expect(writes[0]!.startsWith("\rseed [") && writes[0]!.endsWith("\x1b[K")).toBe(true);
    expect(writes[0]).toContain("]  25% 1/4 ");
    expect(writes[1]).toMatch(/100% 4\/4/);
    expect(writes.slice(2)).toEqual(["\rrebuilding\x1b[K", "\r\x1b[K"]);
  });

  it("writes nothing off a terminal", () => {
    const { writes, stream } = fakeStream(false);
    const bar = createProgressBar({ label: "seed", total: 4, stream });
    bar.update(1);
    bar.update(4, 4);
    bar.note("next");
    bar.finish();
    expect(writes).toEqual([]);
  });
});
