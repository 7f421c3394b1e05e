/**
 * The release function as the EventBridge schedule calls it, on every driver, against a private
 * copy of the demo database (which holds the releases 2025-07 and 2026-07, every year of its
 * responses published).
 */
import { releaseList } from "@poet/core/release";
import { useDemoApi } from "@poet/core/testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { scheduledEvent } from "./events.test-helper.ts";
import { createReleaseHandler, releaseOfEvent } from "./release.ts";

const demo = useDemoApi({ writes: true });
const handler = createReleaseHandler({ database: async () => demo.database });

let logged: Record<string, unknown>[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => {
    logged.push(JSON.parse(String(line)));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const names = async () => (await releaseList(demo.database.db)).map((r) => r.name);

describe("the release function", () => {
  it("cuts the release named after the scheduled event's month, as of its day", async () => {
    expect(await names()).toEqual(["2026-07", "2025-07"]);
    const [previous] = await releaseList(demo.database.db);

    const result = await handler(scheduledEvent("2026-12-01T06:00:00Z"));

    // Every year of the demo's responses was published by 2026-07: the cut holds them, publishes none.
    expect(result).toEqual({ release: "2026-12", cut: true, newFinancialYears: [] });
    const [release] = await releaseList(demo.database.db);
    expect(release).toMatchObject({ name: "2026-12", asOf: "2026-12-01", newYears: [], years: previous!.years });
    expect(release!.years.length).toBeGreaterThan(0);
    expect(await names()).toEqual(["2026-12", "2026-07", "2025-07"]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ message: "release 2026-12 cut", release: "2026-12", cut: true, newFinancialYears: [], asOf: "2026-12-01" });
    expect(logged[0]!.financialYears).toEqual(expect.arrayContaining(["2025-26"]));
  });

  it("does nothing, and does not fail, when the same event comes again (a retry or a duplicate delivery)", async () => {
    const before = await releaseList(demo.database.db);

    const result = await handler(scheduledEvent("2026-12-01T06:00:00Z"));

    expect(result).toEqual({ release: "2026-12", cut: false, newFinancialYears: [] });
    const after = await releaseList(demo.database.db);
    expect(after.map((r) => [r.id, r.name, r.years])).toEqual(before.map((r) => [r.id, r.name, r.years]));
    expect(logged).toEqual([expect.objectContaining({ message: "release 2026-12 exists already: nothing cut", release: "2026-12", cut: false })]);
  });

  it("cuts once when two deliveries of one event arrive together", async () => {
    const event = scheduledEvent("2027-01-01T06:00:00Z");

    const results = await Promise.all([handler(event), handler(event)]);

    expect(results.map((r) => r.cut).sort()).toEqual([false, true]);
    expect(results.every((r) => r.release === "2027-01")).toBe(true);
    expect((await names()).filter((name) => name === "2027-01")).toHaveLength(1);
  });

  it("fails on any other error, so that Lambda counts it and retries", async () => {
    const before = await names();
    await expect(handler(scheduledEvent("not a time"))).rejects.toThrow(/not a date/);
    await expect(
      createReleaseHandler({ database: () => Promise.reject(new Error("database unreachable")) })(scheduledEvent("2027-02-01T06:00:00Z")),
    ).rejects.toThrow("database unreachable");
    expect(await names()).toEqual(before);
    expect(logged).toEqual([]);
  });
});

describe("releaseOfEvent", () => {
  it("names the release after the event's month in UTC, as of its day", () => {
    expect(releaseOfEvent({ time: "2026-12-01T06:00:00Z" })).toEqual({ name: "2026-12", asOf: "2026-12-01" });
    expect(releaseOfEvent({ time: "2027-03-31T23:59:59Z" })).toEqual({ name: "2027-03", asOf: "2027-03-31" });
    expect(releaseOfEvent({ time: "2027-04-01T00:30:00+01:00" })).toEqual({ name: "2027-03", asOf: "2027-03-31" });
  });
});
