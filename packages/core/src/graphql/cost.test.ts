import { makeExecutableSchema } from "@graphql-tools/schema";
import { getDirective } from "@graphql-tools/utils";
import { type FragmentDefinitionNode, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { costDeclarationProblems, fieldCosts, operationCost } from "./cost.ts";
import { typeDefs } from "./generated/type-defs.ts";
import { createSchema } from "./server.ts";

const schema = createSchema();

function cost(query: string, variables: Record<string, unknown> = {}, on = schema) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === "FragmentDefinition").map((d) => [d.name.value, d]),
  );
  return operationCost({ schema: on, operation, fragments, variables });
}

describe("@cost and @listSize", () => {
  it("@cost is declared on every root field, so no field is priced by omission", () => {
    const roots = [schema.getQueryType()!, schema.getMutationType()!];
    const undeclared = roots.flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => !getDirective(schema, field, "cost")?.length)
        .map((field) => `${type.name}.${field.name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it("weighs the fields `npm run bench -- --only hostile` measured, and no others", () => {
    const weighed = Object.fromEntries([...fieldCosts(schema)].filter(([, c]) => c.weight > 0).map(([name, c]) => [name, c.weight]));
    expect(weighed).toEqual({
      "Query.benchmark": 10,
      "Query.areaProfile": 75,
      "Query.breakdown": 20,
      "Query.trend": 5,
      "Query.association": 5,
      "Query.triangulation": 10,
      "Query.reportEligibility": 5,
      "Query.figureExport": 250,
      "Query.funnel": 10,
      "Query.localReport": 500,
      "Mutation.submitResponses": 20,
      "Mutation.withdrawResponses": 10,
      "Mutation.importResponses": 100,
      "Mutation.cutRelease": 500,
    });
  });

  it("sizes every list of objects: a @listSize, or `first` (a connection's edges, a list that takes it)", () => {
    expect(costDeclarationProblems(schema)).toEqual([]);
  });

  it("names what is missing or misplaced, and refuses to price with it", () => {
    const sdl = typeDefs.replace(
      "type Query {",
      "type Query {\n  extraLists: [Area!]! @cost(weight: 0)\n  extraScalar: String @cost(weight: 3) @listSize(assumedSize: 2)\n  extraBare: Area",
    );
    const broken = makeExecutableSchema({ typeDefs: sdl });
    expect(costDeclarationProblems(broken)).toEqual([
      "Query.extraLists is a list with no @listSize",
      "Query.extraScalar has a @listSize that nothing reads: it is not a list of objects",
      "Query.extraScalar has a @cost weight that nothing charges: it returns no objects",
      "Query.extraBare has no @cost",
    ]);
    expect(() => cost("{ about { version } }", {}, broken)).toThrow(/Query\.extraLists is a list with no @listSize/);
  });

  it("computes the table once per schema", () => {
    expect(fieldCosts(schema)).toBe(fieldCosts(schema));
  });
});

describe("an operation's cost", () => {
  it("charges each object 1 and its weight, times its parents", () => {
    expect(cost("{ about { version } }")).toBe(1);
    expect(cost(`{ areaProfile(questionSet: CARER, area: "E92000001") { band } }`)).toBe(76);
    // Each of the 40 items assumed is a benchmark object, and each compares 4 ways.
    expect(cost(`{ areaProfile(questionSet: CARER, area: "E92000001") { items { comparisons { difference } } } }`)).toBe(76 + 40 + 160);
    expect(cost(`mutation { cutRelease { name } }`)).toBe(501);
  });

  it("multiplies by `first`, at most 100, and reads it from variables", () => {
    // areas: 10 connections' worth, 10 edges, 10 nodes, 50 children each.
    expect(cost("{ areas(first: 10) { edges { node { children { code } } } } }")).toBe(10 + 10 + 10 + 500);
    expect(cost("query($n: Int!) { areas(first: $n) { totalCount } }", { n: 7 })).toBe(7);
    expect(cost("{ areas(first: 100000) { totalCount } }")).toBe(100);
  });

  it("counts fragments as their fields, and a fragment spread twice twice", () => {
    const spread = `query { about { ...A } area(code: "E92000001") { children { ...C } } } fragment A on About { version } fragment C on Area { parent { code } }`;
    expect(cost(spread)).toBe(1 + 1 + 50 + 50);
  });
});
