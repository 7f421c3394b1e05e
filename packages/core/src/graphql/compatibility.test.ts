import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type ASTNode, type ASTVisitor, findBreakingChanges, findDangerousChanges, type GraphQLSchema, Kind, parse, print, visit } from "graphql";
import { describe, expect, it } from "vitest";
import {
  checkCompatibility,
  compareVersions,
  compatibilityFailures,
  declarationsBetween,
  parseChangelog,
  printPublished,
  readPublished,
  readSchemaSources,
  schemaOf,
} from "./compatibility.ts";
import { typeDefs } from "./generated/type-defs.ts";
import { API_VERSION } from "./resolvers/about.ts";

// `npm test` fails on a breaking schema change that CHANGELOG.md does not declare (DEVELOPERS.md,
// "Schema compatibility").
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const sources = readSchemaSources(join(root, "schema"));
const published = readPublished(join(root, "schema", "published"));
const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
const baseline = published.at(-1)!;
const [current, baselineSchema] = [schemaOf(sources), schemaOf(baseline.sdl)];

/** The published schema with one edit made to its syntax tree (a visitor returning null deletes the node), whatever schema/ holds now. */
function edited(visitor: ASTVisitor): string {
  return print(visit(parse(baseline.sdl), visitor) as ASTNode);
}
/** `Query.about` removed, and `Query.benchmark(version:)` made required. */
const BREAKING = edited({
  FieldDefinition: (node) => (node.name.value === "about" ? null : undefined),
  InputValueDefinition: (node, _key, _parent, _path, ancestors) => {
    const field = ancestors.at(-1) as ASTNode;
    return field.kind === Kind.FIELD_DEFINITION && field.name.value === "benchmark" && node.name.value === "version" && node.type.kind !== Kind.NON_NULL_TYPE
      ? { ...node, type: { kind: Kind.NON_NULL_TYPE, type: node.type } }
      : undefined;
  },
});
const REMOVED = "Query.about was removed.";
const REQUIRED = "Query.benchmark arg version has changed type from Int to Int!.";

/** A changelog of our own: `body` under Unreleased, `older` under the published release (so the real one's state does not matter). */
const changelogWith = (body: string, older = "") => `# Changelog\n\n## [Unreleased]\n\n${body}\n\n## [${baseline.version}] - 2026-12-07\n\n${older}\n`;
const check = (sdl: string | GraphQLSchema, text: string) =>
  checkCompatibility(baselineSchema, typeof sdl === "string" ? schemaOf(sdl) : sdl, text, { after: baseline.version });

describe("the schema's compatibility with the published one", () => {
  it("is kept: every breaking change since the latest published schema is declared, with a migration", () => {
    const report = check(current, changelog);
    // Dangerous changes (an optional argument or an enum value added) are reported, not refused.
    if (report.dangerous.length) console.info(`Dangerous schema changes since ${baseline.version}:\n${report.dangerous.join("\n")}`);
    const failures = compatibilityFailures(report, '"## [Unreleased]"');
    expect(failures, failures.join("\n\n")).toEqual([]);
  });

  it("was kept by every release: its section declares each breaking change since the release before, and nothing else", () => {
    expect(published.map((p) => p.version).slice(0, 2)).toEqual(["0.1.0", "0.2.0"]);
    for (const [before, after] of published.slice(1).map((p, i) => [published[i]!, p] as const)) {
      const report = checkCompatibility(schemaOf(before.sdl), schemaOf(after.sdl), changelog, { after: before.version, upTo: after.version });
      expect(compatibilityFailures(report, `"## [${after.version}]"`), `${before.version} to ${after.version}`).toEqual([]);
    }
    // 0.2.0 made the root figure fields nullable: declared, like the other seventeen.
    const report = checkCompatibility(schemaOf(published[0]!.sdl), schemaOf(published[1]!.sdl), changelog, { after: "0.1.0", upTo: "0.2.0" });
    expect(report.breaking).toContain("Query.benchmark changed type from Benchmark! to Benchmark.");
    expect(report.breaking).toHaveLength(18);
  });

  it("is the version `about` says: the newest published", () => {
    expect(API_VERSION).toBe(baseline.version);
  });

  it("fails on a breaking change the changelog does not declare, and says what to write", () => {
    const report = check(BREAKING, changelogWith(""));
    expect(report.breaking).toEqual([REMOVED, REQUIRED]);
    expect(report.undeclared).toEqual(report.breaking);
    const [failure, ...rest] = compatibilityFailures(report, '"## [Unreleased]"');
    expect(rest).toEqual([]);
    expect(failure).toContain('Under "## [Unreleased]", "### Breaking"');
    expect(failure).toContain(`    - \`${REMOVED}\``);
    expect(failure).toContain(`    - \`${REQUIRED}\``);
  });

  it("passes once the changelog declares it under Unreleased with a migration", () => {
    const declared = changelogWith(
      [
        "### Breaking",
        "",
        "- `about` moved and figures need a version. Migrate: read `viewer`; pass `version:`",
        "  (as `questionSet { versions }` lists them).",
        `  - \`${REMOVED}\``,
        `  - \`${REQUIRED}\``,
      ].join("\n"),
    );
    expect(compatibilityFailures(check(BREAKING, declared), "Unreleased")).toEqual([]);
  });

  it("fails on a declaration without a migration, in an older release's section, or of a change that is not there", () => {
    const without = changelogWith(["### Breaking", "", "- `about` removed.", `  - \`${REMOVED}\``, `  - \`${REQUIRED}\``].join("\n"));
    expect(check(BREAKING, without)).toMatchObject({ undeclared: [], withoutMigration: [REMOVED, REQUIRED] });
    expect(compatibilityFailures(check(BREAKING, without), "Unreleased")).toEqual([expect.stringContaining('without a "Migrate:" text')]);

    // Declared under the published release itself: that release is what the schema is compared with.
    const tooOld = changelogWith("", `### Breaking\n\n- Gone. Migrate: nothing.\n  - \`${REMOVED}\`\n  - \`${REQUIRED}\``);
    expect(check(BREAKING, tooOld).undeclared).toEqual([REMOVED, REQUIRED]);

    // Quoted under another heading, or in prose: not a declaration.
    const elsewhere = changelogWith(["### Changed", "", "- Gone. Migrate: nothing.", `  - \`${REMOVED}\``, "", `Breaking: \`${REQUIRED}\``].join("\n"));
    expect(check(BREAKING, elsewhere).undeclared).toEqual([REMOVED, REQUIRED]);

    // Declared, then undone.
    const stale = changelogWith(["### Breaking", "", "- Gone. Migrate: nothing.", `  - \`${REMOVED}\``].join("\n"));
    expect(compatibilityFailures(check(baselineSchema, stale), "Unreleased")).toEqual([
      expect.stringContaining(`not there (misquoted, or undone):\n    - \`${REMOVED}\``),
    ]);
  });

  it("lets additive changes through: a new optional argument, field or type", () => {
    const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
    const extra = {
      kind: Kind.INPUT_VALUE_DEFINITION,
      name: name("extra"),
      type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NAMED_TYPE, name: name("String") } },
    } as const;
    const additive = edited({
      FieldDefinition: (node, _key, _parent, _path, ancestors) =>
        (ancestors.at(-1) as ASTNode).kind === Kind.OBJECT_TYPE_DEFINITION && node.name.value === "figureExport"
          ? { ...node, arguments: [...(node.arguments ?? []), extra] }
          : undefined,
    });
    const report = check(`${additive}\ntype Extra { value: Int }\nextend type Query { extra: Extra }`, changelogWith(""));
    expect(report.breaking).toEqual([]);
    expect(report.dangerous).toContain("An optional arg extra on Query.figureExport was added.");
    expect(compatibilityFailures(report, "Unreleased")).toEqual([]);
  });

  it("lets directives through: defining @cost and @listSize and declaring them on fields breaks nothing", () => {
    // The schema as it is, and without the cost directives (their definitions and every use).
    const withCosts = printSchemaWithDirectives(current);
    const without = print(
      visit(parse(withCosts), {
        DirectiveDefinition: (node) => (["cost", "listSize"].includes(node.name.value) ? null : undefined),
        Directive: (node) => (["cost", "listSize"].includes(node.name.value) ? null : undefined),
      }) as ASTNode,
    );
    expect(without).not.toMatch(/@cost|@listSize/);
    const before = schemaOf(without);
    const report = checkCompatibility(before, schemaOf(withCosts), changelogWith(""), { after: baseline.version });
    expect(report).toMatchObject({ breaking: [], dangerous: [] });
    // Changing a declared weight or size is no schema change either: prices are behaviour.
    const reweighed = checkCompatibility(current, schemaOf(withCosts.replace("@cost(weight: 10)", "@cost(weight: 11)")), changelogWith(""), {
      after: baseline.version,
    });
    expect(reweighed).toMatchObject({ breaking: [], dangerous: [] });
  });
});

describe("the schema built from schema/*.graphql", () => {
  it("is the one the server serves (codegen's type definitions), directives included", () => {
    const served = schemaOf(typeDefs);
    const differences = (a: GraphQLSchema, b: GraphQLSchema) => [...findBreakingChanges(a, b), ...findDangerousChanges(a, b)].map((c) => c.description);
    expect([...differences(current, served), ...differences(served, current)]).toEqual([]);
    expect(current.getDirective("access")?.args.map((a) => a.name)).toEqual(["allow"]);
    expect(current.getDirective("cost")?.args.map((a) => a.name)).toEqual(["weight"]);
    expect(current.getDirective("listSize")?.args.map((a) => a.name)).toEqual(["assumedSize"]);
  });
});

describe("a published schema", () => {
  it("is the schema printed whole, directives and all, under a header naming its release", () => {
    const printed = printPublished(current, "9.9.9");
    expect(printed).toMatch(/^# The POET API's schema as published with release 9\.9\.9 \(CHANGELOG\.md\)/);
    expect(printed).toContain("directive @access(");
    expect(printed).toContain("@access(allow: [PUBLIC])");
    expect(printed).toContain("directive @cost(");
    expect(printed).toContain("@cost(weight: 500)");
    expect(printed).toContain("@listSize(assumedSize: 40)");
    const again = schemaOf(printed);
    expect([...findBreakingChanges(current, again), ...findDangerousChanges(current, again), ...findBreakingChanges(again, current)]).toEqual([]);
  });
});

describe("the changelog's declarations", () => {
  const text = [
    "# Changelog",
    "## [Unreleased]",
    "### Breaking",
    "- A. Migrate:",
    "  see below.",
    "  - `One.`",
    "",
    "  - `Two   spaced.`",
    "* B, no migration.",
    "  - `Three.`",
    "Paragraph ending the item.",
    "  - `Not in an item.`",
    "## [1.10.0] - 2026-01-01",
    "### Breaking",
    "- C. Migrate: x.",
    "  - `Four.`",
    "### Added",
    "- D. Migrate: y.",
    "  - `Not breaking.`",
    "## Notes",
    "### Breaking",
    "- E. Migrate: z.",
    "  - `Unversioned.`",
    "## [1.9.0] - 2025-12-01",
  ].join("\n");

  it("are the quoted sub-items of items under ### Breaking, with or without a migration", () => {
    expect(parseChangelog(text)).toEqual([
      {
        version: "Unreleased",
        declarations: [
          { changes: ["One.", "Two spaced."], migrate: true, line: 4 },
          { changes: ["Three."], migrate: false, line: 9 },
        ],
      },
      { version: "1.10.0", declarations: [{ changes: ["Four."], migrate: true, line: 15 }] },
      { version: null, declarations: [{ changes: ["Unversioned."], migrate: true, line: 22 }] },
      { version: "1.9.0", declarations: [] },
    ]);
  });

  it("count from the sections newer than a release, up to another", () => {
    const sections = parseChangelog(text);
    const changes = (after: string, upTo?: string) => declarationsBetween(sections, after, upTo).declarations.flatMap((d) => d.changes);
    expect(changes("1.9.0")).toEqual(["One.", "Two spaced.", "Three.", "Four.", "Unversioned."]);
    expect(changes("1.10.0")).toEqual(["One.", "Two spaced.", "Three."]);
    expect(changes("1.9.0", "1.10.0")).toEqual(["Four.", "Unversioned."]);
    expect(declarationsBetween(sections, "2.0.0")).toEqual({
      declarations: [],
      problems: ['CHANGELOG.md has no "## [2.0.0]" section for the published schema 2.0.0.'],
    });
    expect(declarationsBetween(sections, "1.9.0", "3.0.0").problems).toEqual(['CHANGELOG.md has no "## [3.0.0]" section.']);
    expect(declarationsBetween(sections, "1.10.0", "1.9.0").problems).toEqual([
      'CHANGELOG.md\'s "## [1.9.0]" section must come above (be newer than) "## [1.10.0]".',
    ]);
  });

  it("orders versions numerically", () => {
    expect(["1.10.0", "0.2.0", "1.9.0", "0.10.1"].sort(compareVersions)).toEqual(["0.2.0", "0.10.1", "1.9.0", "1.10.0"]);
  });
});
