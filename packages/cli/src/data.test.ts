import { describe, expect, it } from "vitest";
import { importSummary } from "./data.ts";

// What `poet import` says it did: what was written and what was not, in words, counted right.

const result = (counts: Partial<Parameters<typeof importSummary>[0]>) => ({
  rows: 0,
  created: 0,
  unchanged: 0,
  replaced: 0,
  rejected: 0,
  written: true,
  ...counts,
});

describe("importSummary", () => {
  it("says a dry run wrote nothing and what it would have done", () => {
    expect(importSummary(result({ rows: 1, created: 1, written: false }), { dryRun: true, seconds: 0.04 })).toBe(
      "1 row checked (dry run) in 0.0 s: nothing written; 1 would be created",
    );
    expect(importSummary(result({ rows: 4, created: 2, replaced: 1, unchanged: 1, written: false }), { dryRun: true, seconds: 1.25 })).toBe(
      "4 rows checked (dry run) in 1.3 s: nothing written; 2 would be created, 1 would be replaced, 1 would be unchanged (already stored as they are)",
    );
    expect(importSummary(result({ rows: 2, created: 1, rejected: 1, written: false }), { dryRun: true, seconds: 0 })).toBe(
      "2 rows checked (dry run) in 0.0 s: nothing written; 1 would be created; 1 row rejected",
    );
  });

  it("says what was written, and what was already there", () => {
    expect(importSummary(result({ rows: 2, created: 2 }), { seconds: 0.5 })).toBe("2 rows read in 0.5 s: 2 rows written (2 created)");
    expect(importSummary(result({ rows: 3, created: 1, replaced: 1, unchanged: 1 }), { seconds: 0.5 })).toBe(
      "3 rows read in 0.5 s: 2 rows written (1 created, 1 replaced); 1 row unchanged (already stored as they are)",
    );
    expect(importSummary(result({ rows: 1, unchanged: 1 }), { seconds: 0 })).toBe(
      "1 row read in 0.0 s: nothing written; 1 row unchanged (already stored as they are)",
    );
    expect(importSummary(result({ rows: 3, created: 2, rejected: 1 }), { seconds: 0 })).toBe(
      "3 rows read in 0.0 s: 2 rows written (2 created); 1 row rejected, not written",
    );
  });

  it("says a file with rejected rows was not written, and why", () => {
    expect(importSummary(result({ rows: 3, created: 2, rejected: 1, written: false }), { seconds: 0 })).toBe(
      "3 rows read in 0.0 s: nothing written, because 1 row was rejected (--accept-valid writes the 2 valid ones)",
    );
    expect(importSummary(result({ rows: 2, rejected: 2, written: false }), { seconds: 0 })).toBe(
      "2 rows read in 0.0 s: nothing written, because 2 rows were rejected (--accept-valid writes the 0 valid ones)",
    );
  });
});
