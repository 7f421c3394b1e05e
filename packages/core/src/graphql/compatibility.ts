import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { findBreakingChanges, findDangerousChanges, type GraphQLSchema } from "graphql";

// Schema compatibility (DEVELOPERS.md, "Schema compatibility"). The schema of each release is
// kept as published, in schema/published/<version>.graphql. Every breaking change graphql-js
// finds between the latest published schema and schema/*.graphql must be declared in
// CHANGELOG.md, in a section newer than that release, under "### Breaking": an item saying why
// and how a client migrates ("Migrate: …"), with each change quoted as graphql-js describes it
// in a sub-item of its own:
//
//   ## [Unreleased]
//
//   ### Breaking
//
//   - Figures need a version. Migrate: pass `version:`, as `questionSet { versions }` lists them.
//     - `Query.benchmark arg version has changed type from Int to Int!.`
//
// Dangerous changes (an enum value or an optional argument added) are reported, not refused.

/** The SDL files' texts in name order: schema/*.graphql, which codegen merges into the server's type definitions. */
export function readSchemaSources(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => readFileSync(join(dir, name), "utf8"));
}

/** The schema the server serves (directive definitions included), merged from SDL texts as the server merges its type definitions. */
export function schemaOf(sdl: string | readonly string[]): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: typeof sdl === "string" ? sdl : [...sdl] });
}

/** A schema as it is published with a release: printed with its directives, as codegen prints the server's type definitions. */
export function printPublished(schema: GraphQLSchema, version: string): string {
  return `# The POET API's schema as published with release ${version} (CHANGELOG.md), which later schemas are compared with. Do not edit.\n\n${printSchemaWithDirectives(schema)}\n`;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/** Orders two versions `major.minor.patch`. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => SEMVER.exec(v)!.slice(1).map(Number)) as [number[], number[]];
  return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
}

export interface PublishedSchema {
  version: string;
  sdl: string;
}

/** The published schemas, `<version>.graphql` in `dir`, oldest first. */
export function readPublished(dir: string): PublishedSchema[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const version = /^(\d+\.\d+\.\d+)\.graphql$/.exec(name)?.[1];
      return version ? [{ version, sdl: readFileSync(join(dir, name), "utf8") }] : [];
    })
    .sort((a, b) => compareVersions(a.version, b.version));
}

/** One item under "### Breaking": the changes it quotes, and whether it says how to migrate. */
export interface Declaration {
  /** graphql-js's descriptions of the changes, from the item's sub-items. */
  changes: string[];
  /** The item has a "Migrate:" text. */
  migrate: boolean;
  /** Its first line in the changelog, from 1. */
  line: number;
}

export interface ChangelogSection {
  /** "Unreleased", a version `major.minor.patch`, or null for a heading of neither kind. */
  version: string | null;
  declarations: Declaration[];
}

const SECTION = /^## \[(Unreleased|\d+\.\d+\.\d+)\](?: - \d{4}-\d{2}-\d{2})?\s*$/;
const QUOTED_CHANGE = /^\s+[-*] `([^`]+)`\s*$/;
const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/** The changelog's sections, newest first as written, with the breaking changes each declares. */
export function parseChangelog(text: string): ChangelogSection[] {
  const sections: ChangelogSection[] = [];
  let section: ChangelogSection | null = null;
  let breaking = false;
  let item: { lines: string[]; line: number } | null = null;
  const close = () => {
    if (item && section && breaking) {
      const [first, ...rest] = item.lines;
      section.declarations.push({
        changes: rest.flatMap((l) => QUOTED_CHANGE.exec(l)?.slice(1, 2) ?? []).map(normalise),
        migrate: /Migrate:\s*\S/.test([first, ...rest.filter((l) => !QUOTED_CHANGE.test(l))].join(" ")),
        line: item.line,
      });
    }
    item = null;
  };
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.startsWith("## ")) {
      close();
      section = { version: SECTION.exec(line)?.[1] ?? null, declarations: [] };
      sections.push(section);
      breaking = false;
    } else if (line.startsWith("### ")) {
      close();
      breaking = normalise(line.slice(4)).toLowerCase() === "breaking";
    } else if (/^[-*] /.test(line)) {
      close();
      item = { lines: [line], line: index + 1 };
    } else if (item && (line.trim() === "" || /^\s/.test(line))) {
      item.lines.push(line);
    } else if (line.trim() !== "") {
      close();
    }
  });
  close();
  return sections;
}

/**
 * The declarations of the sections newer than release `after` (the published schema compared
 * with) and no newer than `upTo` (a later release; every newer section, Unreleased included,
 * when omitted).
 */
export function declarationsBetween(sections: readonly ChangelogSection[], after: string, upTo?: string): { declarations: Declaration[]; problems: string[] } {
  const start = upTo === undefined ? 0 : sections.findIndex((s) => s.version === upTo);
  const end = sections.findIndex((s) => s.version === after);
  const problems = [
    ...(end < 0 ? [`CHANGELOG.md has no "## [${after}]" section for the published schema ${after}.`] : []),
    ...(start < 0 ? [`CHANGELOG.md has no "## [${upTo}]" section.`] : []),
    ...(start >= 0 && end >= 0 && start >= end ? [`CHANGELOG.md's "## [${upTo}]" section must come above (be newer than) "## [${after}]".`] : []),
  ];
  return { declarations: problems.length ? [] : sections.slice(start, end).flatMap((s) => s.declarations), problems };
}

export interface CompatibilityReport {
  /** Every breaking change graphql-js finds, as it describes them. */
  breaking: string[];
  /** Dangerous changes: reported, never refused. */
  dangerous: string[];
  /** Breaking changes no declaration quotes. */
  undeclared: string[];
  /** Breaking changes quoted only by items without a "Migrate:" text. */
  withoutMigration: string[];
  /** Changes declared that are not there (misquoted, or undone). */
  unmatched: string[];
  /** What stops the changelog being read for this comparison. */
  problems: string[];
}

/**
 * Compares a schema with the published one (`before`, of release `range.after`) and the
 * changelog's declarations newer than that release (up to `range.upTo`).
 */
export function checkCompatibility(
  before: GraphQLSchema,
  after: GraphQLSchema,
  changelog: string,
  range: { after: string; upTo?: string },
): CompatibilityReport {
  const breaking = findBreakingChanges(before, after).map((c) => normalise(c.description));
  const dangerous = findDangerousChanges(before, after).map((c) => normalise(c.description));
  const { declarations, problems } = declarationsBetween(parseChangelog(changelog), range.after, range.upTo);
  const quoted = (change: string, migrate?: boolean) =>
    declarations.some((d) => d.changes.includes(change) && (migrate === undefined || d.migrate === migrate));
  const withMigration = breaking.filter((c) => quoted(c, true));
  return {
    breaking,
    dangerous,
    undeclared: breaking.filter((c) => !quoted(c)),
    withoutMigration: breaking.filter((c) => quoted(c) && !withMigration.includes(c)),
    unmatched: [...new Set(declarations.flatMap((d) => d.changes))].filter((c) => !breaking.includes(c)),
    problems,
  };
}

/** What is wrong, one message per kind, each saying what to write; empty when the changelog declares every breaking change. */
export function compatibilityFailures(report: CompatibilityReport, where: string): string[] {
  const list = (changes: string[]) => changes.map((c) => `    - \`${c}\``).join("\n");
  return [
    ...report.problems,
    ...(report.undeclared.length
      ? [
          `Breaking schema changes not declared in CHANGELOG.md. Under ${where}, "### Breaking", add an item saying why and how a client ` +
            `migrates, with each change as a sub-item, or undo them:\n  - <why>. Migrate: <what a client does>.\n${list(report.undeclared)}`,
        ]
      : []),
    ...(report.withoutMigration.length ? [`Breaking schema changes declared without a "Migrate:" text in their item:\n${list(report.withoutMigration)}`] : []),
    ...(report.unmatched.length ? [`CHANGELOG.md declares breaking schema changes that are not there (misquoted, or undone):\n${list(report.unmatched)}`] : []),
  ];
}
