import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Example } from "./examples.ts";
import type { Route, RouteRequest, RouteResponse } from "./http.ts";

// GraphiQL for a browser that opens /graphql, from the npm packages this one depends on, served
// by the local server itself: Apollo's landing page loads from a CDN, and nothing here may.

const require = createRequire(import.meta.url);

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const versionOf = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

const FILES = [
  { name: "react", file: "umd/react.production.min.js" },
  { name: "react-dom", file: "umd/react-dom.production.min.js" },
  { name: "graphiql", file: "graphiql.min.js" },
  { name: "graphiql", file: "graphiql.min.css" },
] as const;

export const ASSETS_PREFIX = "/graphiql/";

/** Each file under its package's version, so a year's caching never serves a stale one. */
const assetPath = (name: string, file: string) => `${ASSETS_PREFIX}${name}@${versionOf(name)}/${file.split("/").at(-1)}`;

// After GraphiQL renders: every editor wraps its lines (the README's queries are wider than half
// a laptop's window, and a cut-off query hides its arguments), and the first example runs once,
// so the page opens with a result beside it. Only the first example, unedited: never a query
// or mutation restored from an earlier visit.
const START = `"use strict";
const examples = JSON.parse(document.getElementById("poet-examples").textContent);
const root = document.getElementById("graphiql");
const first = examples[0] && !/^\\s*(#.*\\n\\s*)*(mutation|subscription)\\b/.test(examples[0].query) ? examples[0].query : null;
function runFirst() {
  const query = root.querySelector(".graphiql-query-editor .CodeMirror");
  const run = root.querySelector(".graphiql-execute-button");
  if (first && query && query.CodeMirror && query.CodeMirror.getValue() === first && run) run.click();
}
// GraphiQL asks for the schema once its editors are ready: the moment to run the first example.
const base = GraphiQL.createFetcher({ url: location.origin + location.pathname });
let introspected = false;
function fetcher(params, options) {
  const answer = base(params, options);
  if (!introspected && params.operationName === "IntrospectionQuery") {
    introspected = true;
    Promise.resolve(answer).finally(() => setTimeout(runFirst, 0));
  }
  return answer;
}
function settle() {
  for (const element of root.querySelectorAll(".CodeMirror")) {
    const editor = element.CodeMirror;
    if (editor && !editor.getOption("lineWrapping")) editor.setOption("lineWrapping", true);
  }
}
new MutationObserver(settle).observe(root, { childList: true, subtree: true });
ReactDOM.createRoot(root).render(
  React.createElement(
    GraphiQL,
    { fetcher, defaultTabs: examples, defaultEditorToolsVisibility: false },
    React.createElement(GraphiQL.Logo, null, "POET API"),
  ),
);
`;
const START_PATH = `${ASSETS_PREFIX}start.js`;

/** Only this page's own origin: no CDN, no remote font; GraphiQL sets styles inline and embeds its fonts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export function graphiqlHtml(examples: Example[]): string {
  const [react, reactDom, graphiql, css] = FILES.map((f) => assetPath(f.name, f.file));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>POET API: GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${css}">
<style>body { margin: 0; } #graphiql { height: 100dvh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="poet-examples">${escapeJson(examples)}</script>
<script src="${react}"></script>
<script src="${reactDom}"></script>
<script src="${graphiql}"></script>
<script src="${START_PATH}"></script>
</body>
</html>
`;
}

/** The q-value an Accept header gives a media type, through its wildcards too. */
function quality(accept: string, type: string): number {
  let best = -1;
  let q = 0;
  const [major] = type.split("/");
  for (const part of accept.split(",")) {
    const [range = "", ...params] = part.trim().toLowerCase().split(";");
    const specificity = range === type ? 2 : range === `${major}/*` ? 1 : range === "*/*" ? 0 : -1;
    if (specificity <= best) continue;
    best = specificity;
    const value = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q = value ? Number(value.slice(2)) || 0 : 1;
  }
  return q;
}

/** A browser asks for HTML first; curl (any type) and GraphQL clients (JSON) do not. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return quality(accept, "text/html") > Math.max(quality(accept, "application/json"), quality(accept, "application/graphql-response+json"));
}

const header = (headers: RouteRequest["headers"], name: string) => {
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value.join(", ") : value;
};

/** The GraphQL route, answering a browser's plain GET (no `query`) with GraphiQL. */
export function graphqlRoute(handle: (request: RouteRequest) => Promise<RouteResponse>, examples: Example[]): Route {
  const page = graphiqlHtml(examples);
  return {
    prefix: "/graphql",
    async handle(request) {
      const wantsPage =
        request.method.toUpperCase() === "GET" && !new URLSearchParams(request.search).has("query") && prefersHtml(header(request.headers, "accept"));
      if (!wantsPage) return handle(request);
      return {
        status: 200,
        headers: {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-cache",
          "content-security-policy": CONTENT_SECURITY_POLICY,
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
          vary: "accept",
        },
        body: page,
      };
    },
  };
}

const TYPES: Record<string, string> = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

/** GraphiQL's files, read once from node_modules when first asked for; nothing else is served. */
export function graphiqlAssets(): Route {
  const files = new Map<string, () => Promise<Uint8Array | string>>(
    FILES.map(({ name, file }) => {
      let bytes: Promise<Uint8Array> | undefined;
      return [assetPath(name, file), () => (bytes ??= readFile(join(packageDir(name), file)))];
    }),
  );
  files.set(START_PATH, async () => START);
  const notFound: RouteResponse = { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Not found" };
  return {
    prefix: ASSETS_PREFIX,
    async handle({ method, path }) {
      const read = files.get(path);
      if (!read || !["GET", "HEAD"].includes(method.toUpperCase())) return notFound;
      return {
        status: 200,
        headers: {
          "content-type": TYPES[path.split(".").at(-1)!]!,
          "cache-control": path === START_PATH ? "no-cache" : "public, max-age=31536000, immutable",
          "x-content-type-options": "nosniff",
        },
        body: await read(),
      };
    },
  };
}
