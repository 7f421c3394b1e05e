import { expect, it } from "vitest";
import { IntervalSystem } from "./intervals.ts";

it("tightens each part of a sum from the total and the other parts, however many are unbounded", () => {
  const s = new IntervalSystem();
  s.sum("T", ["x", "y", "z"]);
  s.bound("T", 10, 18);
  s.bound("y", 5, 13);
  s.propagate();
  expect(s.bounds.get("x")).toEqual([0, 13]);
  s.bound("z", 0, 0);
  s.bound("y", 5, 6);
  s.propagate();
  expect(s.bounds.get("x")).toEqual([4, 13]);
});
