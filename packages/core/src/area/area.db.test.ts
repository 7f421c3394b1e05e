import { describe, expect, it } from "vitest";
import { useSetUpApi } from "../testing/fixtures.ts";
import { referenceNeighbours } from "./reference.ts";

// Areas need no responses: the set-up database, not the demo one.
const demo = useSetUpApi();

const PAGE = `query Page($type: AreaType, $parent: String, $first: Int, $after: String) {
  areas(type: $type, parent: $parent, first: $first, after: $after) {
    totalCount
    edges { cursor node { code type } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe("areas", () => {
  it("pages through all 153 councils, 100 at a time, in code order", async () => {
    const first = (await demo.api.data(PAGE, { type: "LOCAL_AUTHORITY", first: 100 })).areas;
    expect(first.totalCount).toBe(153);
    expect(first.edges).toHaveLength(100);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await demo.api.data(PAGE, { type: "LOCAL_AUTHORITY", first: 100, after: first.pageInfo.endCursor })).areas;
    expect(second.edges).toHaveLength(53);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const codes = [...first.edges, ...second.edges].map((e: { node: { code: string } }) => e.node.code);
    expect(new Set(codes).size).toBe(153);
    expect(codes).toEqual([...codes].sort());
    expect(first.edges.every((e: { node: { type: string } }) => e.node.type === "LOCAL_AUTHORITY")).toBe(true);
  });

  it("filters by parent and by type together", async () => {
    expect((await demo.api.data(PAGE, { parent: "E12000001" })).areas.totalCount).toBe(12);
    expect((await demo.api.data(PAGE, { parent: "E12000007", first: 100 })).areas.edges).toHaveLength(33);
    expect((await demo.api.data(PAGE, { parent: "E92000001", type: "REGION" })).areas.totalCount).toBe(9);
    expect((await demo.api.data(PAGE, { parent: "E92000001", type: "NHS_REGION" })).areas.totalCount).toBe(7);
    expect((await demo.api.data(PAGE, { type: "ICB", first: 100 })).areas.totalCount).toBe(42);
  });

  it.each([
    [{ first: 101 }, "first"],
    [{ first: 0 }, "first"],
    [{ after: "not-a-cursor" }, "after"],
    [{ parent: "Hartlepool" }, "parent"],
  ])("rejects %o with BAD_USER_INPUT naming the argument", async (variables, argument) => {
    const result = await demo.api.query(PAGE, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });
});

describe("area", () => {
  it("walks the hierarchy both ways", async () => {
    const { area } = await demo.api.data(`{ area(code: "E06000001") {
      name type population parent { code name parent { code name parent { code } } } children { code } } }`);
    expect(area).toEqual({
      name: "Hartlepool",
      type: "LOCAL_AUTHORITY",
      population: 93861,
      parent: { code: "E12000001", name: "North East", parent: { code: "E92000001", name: "England", parent: null } },
      children: [],
    });
    const england = (await demo.api.data(`{ area(code: "E92000001") { all: children { code } regions: children(type: REGION) { code } } }`)).area;
    expect(england.all).toHaveLength(16);
    expect(england.regions).toHaveLength(9);
  });

  it("lists a council's statistical neighbours, most similar first", async () => {
    const { area } = await demo.api.data(`{ area(code: "E06000001") { statisticalNeighbours { code } } }`);
    const expected = referenceNeighbours()
      .filter((n) => n.areaCode === "E06000001")
      .sort((a, b) => a.rank - b.rank);
    expect(area.statisticalNeighbours.map((a: { code: string }) => a.code)).toEqual(expected.map((n) => n.neighbourCode));
    expect(expected).toHaveLength(10);
  });

  it("answers null for a code that is no area", async () => {
    expect(await demo.api.data(`{ area(code: "E06999999") { name } }`)).toEqual({ area: null });
  });
});
