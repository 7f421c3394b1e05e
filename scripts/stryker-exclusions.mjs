/**
 * The `exclusions` ignorer (stryker.config.json): reports the mutants that
 * `scripts/mutation-exclusions.mjs` declares equivalent as ignored, with their reasons, so that the
 * domain code needs no `// Stryker disable` comments.
 *
 * Stryker asks an ignorer about each node as it walks a file, first about the whole program. Here
 * the answer for the program finds each declared piece of code in the file (by the function it sits
 * in and how it starts, not by its line) and gives that node the directive
 * `Stryker disable next-line <mutators>: <reason>` as a comment, which Stryker then reads as it
 * would one written in the source: the same mutants are ignored, and nothing is ignored wholesale.
 *
 * `node scripts/stryker-exclusions.mjs --check` checks that every entry matches exactly one piece
 * of code (run by scripts/mutation-exclusions.test.ts).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";
import { EXCLUSIONS } from "./mutation-exclusions.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The name a function is known by: its own, or the variable, property or method it is assigned to. */
function functionName(p) {
  const { node, parent } = p;
  if (node.id?.name) return node.id.name;
  if ((p.isObjectMethod() || p.isClassMethod()) && node.key.type === "Identifier") return node.key.name;
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  if ((parent.type === "ObjectProperty" || parent.type === "ClassProperty") && parent.key.type === "Identifier") return parent.key.name;
  return undefined;
}

const squeeze = (text) => text.replace(/\s+/g, " ").trim();

/** The nodes each entry for this file finds: outermost first, so a statement rather than its first expression. */
export function findExclusions(program, source, fileName) {
  const relative = path.relative(ROOT, path.resolve(fileName)).split(path.sep).join("/");
  const entries = EXCLUSIONS.filter((e) => e.file === relative);
  if (!entries.length) return [];
  const found = entries.map((entry) => ({ entry, nodes: [] }));
  program.traverse({
    enter(p) {
      const text = squeeze(source.slice(p.node.start, p.node.end));
      for (const f of found) {
        if (!text.startsWith(squeeze(f.entry.code))) continue;
        if (!p.findParent((a) => a.isFunction() && functionName(a) === f.entry.in)) continue;
        // Outermost only: not a node inside one this entry already found.
        if (f.nodes.some((n) => n.start <= p.node.start && p.node.end <= n.end)) continue;
        f.nodes.push(p.node);
      }
    },
  });
  return found;
}

function describe({ entry, nodes }) {
  return `${entry.file}, in ${entry.in}: ${JSON.stringify(entry.code)} matches ${nodes.length} pieces of code (${nodes.map((n) => `line ${n.loc.start.line}`).join(", ") || "none"})`;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "exclusions", {
    shouldIgnore(p) {
      if (!p.isProgram()) return undefined;
      const { code, opts } = p.hub.file;
      for (const match of findExclusions(p, code, opts.filename)) {
        // An entry that no longer finds its code exactly once would ignore the wrong mutants, or none.
        if (match.nodes.length !== 1) throw new Error(`scripts/mutation-exclusions.mjs: ${describe(match)}; update the entry`);
        const [node] = match.nodes;
        node.leadingComments = [
          ...(node.leadingComments ?? []),
          { type: "CommentBlock", value: ` Stryker disable next-line ${match.entry.mutators.join(",")}: ${match.entry.reason} ` },
        ];
      }
      return undefined;
    },
  }),
];

/** Parses a file as Stryker's instrumenter does (its own Babel and TypeScript preset). */
async function parse(fileName) {
  const here = createRequire(import.meta.url);
  const require = createRequire(here.resolve("@stryker-mutator/instrumenter", { paths: [path.dirname(here.resolve("@stryker-mutator/core"))] }));
  const babel = require("@babel/core");
  const source = readFileSync(fileName, "utf8");
  const ast = await babel.parseAsync(source, {
    filename: fileName,
    configFile: false,
    babelrc: false,
    presets: [[require.resolve("@babel/preset-typescript"), { allExtensions: true }]],
  });
  let program;
  babel.traverse(ast, {
    Program(p) {
      program = p;
      p.stop();
    },
  });
  return { program, source };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--check")) {
  const problems = [];
  for (const file of new Set(EXCLUSIONS.map((e) => e.file))) {
    const fileName = path.join(ROOT, file);
    const { program, source } = await parse(fileName);
    for (const match of findExclusions(program, source, fileName)) if (match.nodes.length !== 1) problems.push(describe(match));
  }
  for (const e of EXCLUSIONS) if (!e.reason || !e.mutators?.length) problems.push(`${e.file}, in ${e.in}: an entry needs its mutators and its reason`);
  if (problems.length) {
    console.error(`scripts/mutation-exclusions.mjs:\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(`scripts/mutation-exclusions.mjs: all ${EXCLUSIONS.length} entries match one piece of code each`);
}
