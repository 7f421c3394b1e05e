import { afterEach, describe, expect, it, vi } from "vitest";
import { keyedMemo, memoKeeping, timedMemo } from "./memo.ts";

afterEach(() => {
  memoKeeping.enabled = true;
  memoKeeping.skipped.clear();
  vi.useRealTimers();
});

describe("keyedMemo", () => {
  it("keeps a value per owner and key, the oldest dropped past its size", () => {
    const memo = keyedMemo<number>(2);
    const [a, b] = [{}, {}];
    let made = 0;
    const make = () => ++made;
    expect([memo.get(a, "x|1", make), memo.get(a, "x|1", make), memo.get(b, "x|1", make)]).toEqual([1, 1, 2]);
    memo.get(a, "x|2", make);
    memo.get(a, "x|3", make);
    expect(memo.get(a, "x|1", make)).toBe(5);
    memo.forget(b);
    expect(memo.get(b, "x|1", make)).toBe(6);
  });

  it("does not keep a failed promise", async () => {
    const memo = keyedMemo<Promise<number>>(10);
    const owner = {};
    await expect(memo.get(owner, "x", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await memo.get(owner, "x", async () => 1)).toBe(1);
  });

  it("keeps nothing when switched off, or a skipped kind (a key's part before its first |)", () => {
    const memo = keyedMemo<number>(10);
    const owner = {};
    let made = 0;
    memoKeeping.skipped.add("joint");
    expect([memo.get(owner, "joint|1", () => ++made), memo.get(owner, "joint|1", () => ++made)]).toEqual([1, 2]);
    expect([memo.get(owner, "cells|1", () => ++made), memo.get(owner, "cells|1", () => ++made)]).toEqual([3, 3]);
    memoKeeping.enabled = false;
    expect(memo.get(owner, "cells|1", () => ++made)).toBe(4);
  });
});

describe("timedMemo", () => {
  it("keeps one value per owner for its time, until forgotten", () => {
    vi.useFakeTimers();
    const memo = timedMemo<number>(1000);
    const owner = {};
    let made = 0;
    const make = () => ++made;
    expect([memo.get(owner, make), memo.get(owner, make)]).toEqual([1, 1]);
    vi.advanceTimersByTime(1000);
    expect(memo.get(owner, make)).toBe(2);
    memo.forget(owner);
    expect(memo.get(owner, make)).toBe(3);
    memoKeeping.enabled = false;
    expect(memo.get(owner, make)).toBe(4);
  });
});
