// The house's layers, checked on every `npm run lint` (docs/architecture.md draws them).
//
// Each row of LAYERS is a layer of packages/core/src; a folder may import its own files and any
// folder of a lower row, nothing else: not a row above, not a neighbour on its own row. So the
// folder graph, type imports included, has no cycle, and the read path (figure, report, download)
// cannot reach the write path (response), which sits beside report and download, not below them.
// From outside a folder, only its index.ts may be imported (util's small modules excepted: each
// is its own surface). cli and functions sit on top and see @poet/core's exports only.

const LAYERS = [
  ["errors", "time"],
  ["util"],
  ["actor", "http"],
  ["db"],
  ["scope"],
  ["area", "questionset"],
  ["organisation"],
  ["figure"],
  ["release"],
  ["response", "report", "download"],
  ["graphql", "demo"],
  ["app"],
  ["testing"],
];

/** Folders whose every module may be imported from outside (each a surface of its own). */
const OPEN = ["util"];

const CORE = "^packages/core/src/";
const TESTS = "\\.test\\.ts$|\\.test-helper\\.ts$|^packages/core/src/testing/";
const any = (names) => `(${names.join("|")})`;

const upward = LAYERS.map((row, rank) => ({
  name: `layer-${row.join("-")}`,
  comment: `${row.join(", ")} may import only the layers below it (${LAYERS.slice(0, rank).flat().join(", ") || "nothing of ours"})`,
  severity: "error",
  from: { path: `${CORE}${any(row)}/`, pathNot: TESTS },
  to: { path: `${CORE}${any(LAYERS.slice(rank).flat())}/`, pathNot: `${CORE}$1/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upward,
    {
      name: "core-folder-outside-layers",
      comment: "Every folder of packages/core/src has its place in LAYERS (.dependency-cruiser.cjs)",
      severity: "error",
      from: { path: CORE },
      to: { path: CORE, pathNot: `${CORE}${any(LAYERS.flat())}/` },
    },
    {
      name: "deep-import",
      comment: "Another folder is used through its index.ts: what it exports there is its public surface",
      severity: "error",
      from: { path: `${CORE}([^/]+)/`, pathNot: TESTS },
      to: { path: CORE, pathNot: [`${CORE}$1/`, `${CORE}${any(OPEN)}/`, `${CORE}[^/]+/index\\.ts$`] },
    },
    {
      name: "core-imports-app",
      comment: "packages/core knows nothing of the programs built on it",
      severity: "error",
      from: { path: "^packages/core/" },
      to: { path: "^packages/(cli|functions)/" },
    },
    {
      name: "apps-import-each-other",
      comment: "The CLI and the Lambda functions are separate programs over @poet/core",
      severity: "error",
      from: { path: "^packages/(cli|functions)/" },
      to: { path: "^packages/(cli|functions)/", pathNot: "^packages/$1/" },
    },
    {
      name: "test-support-in-production",
      comment: "testing/ is for tests: no program imports it",
      severity: "error",
      from: { path: "^packages/", pathNot: TESTS },
      to: { path: `${CORE}testing/` },
    },
    {
      name: "no-circular",
      comment: "No module reaches itself again, type imports included",
      severity: "error",
      from: { pathNot: TESTS },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|generated)/" },
    includeOnly: "^packages/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "default"], extensions: [".ts", ".js"] },
    combinedDependencies: false,
  },
};
