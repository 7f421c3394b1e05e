import { describe, expect, it } from "vitest";
import { FALLBACK_EXAMPLES, loadExamples, operationName, readmeExamples } from "./examples.ts";
import { CONTENT_SECURITY_POLICY, graphiqlAssets, graphiqlHtml, graphqlRoute, prefersHtml } from "./graphiql.ts";
import type { RouteRequest } from "./http.ts";

describe("readmeExamples", () => {
  const markdown = [
    "Intro.\n\n```sh\ncurl …\n```\n",
    'How a council compares with England (share answering `better`):\n\n```graphql\n{\n  benchmark(area: "E1") { value }\n}\n```\n',
    "A member's call:\n\n```graphql member\nmutation { submitResponses }\n```\n",
    "   ```graphql\n   { indented }\n   ```\n",
    "Again, see [the docs](docs/x.md). More words:\n\n```graphql\n{ twoWay: benchmark { a } }\n```\n",
  ].join("\n");

  it("takes the public ```graphql blocks, headed by their lead sentence and named after it", () => {
    expect(readmeExamples(markdown)).toEqual([
      { query: '# How a council compares with England (share answering better)\nquery CouncilComparesWithEngland {\n  benchmark(area: "E1") { value }\n}\n' },
      { query: "# Again, see the docs\nquery Again { twoWay: benchmark { a } }\n" },
    ]);
  });

  it("names each example once and by what it shows: a shared lead takes its first field, no lead its first field alone", () => {
    const twice = "A negative band:\n\n```graphql\n{ benchmark { a } }\n```\n\nA negative band:\n\n```graphql\n{ breakdown { a } }\n```\n";
    const names = (md: string) => readmeExamples(md).map((e) => /query (\w+)/.exec(e.query)?.[1]);
    expect(names(twice)).toEqual(["NegativeBand", "NegativeBandBreakdown"]);
    expect(names(`${twice}\nA negative band:\n\n\`\`\`graphql\n{ breakdown { b } }\n\`\`\`\n`)).toEqual([
      "NegativeBand",
      "NegativeBandBreakdown",
      "NegativeBandBreakdown2",
    ]);
    expect(names("```graphql\n{ areas { a } }\n```\n")).toEqual(["Areas"]);
    // A named operation keeps its name.
    expect(names("Mine:\n\n```graphql\nquery Mine { a }\n```\n")).toEqual(["Mine"]);
  });

  it.each([
    ["How a council compares with England (share answering better)", "CouncilComparesWithEngland"],
    ["A question set, its questions and the bands of their answers", "QuestionSet"],
    ["A council's local report, as one self-contained HTML page", "CouncilsLocalReport"],
    ["Figures are read from releases, never from the live responses", "FiguresReadFromReleases"],
    ["A whole page of a council's dashboard in one round trip", "WholePageOfCouncilsDashboard"],
    ["2025-26's figures", ""],
    ["", ""],
  ])("operationName(%j) = %j", (lead, name) => {
    expect(operationName(lead)).toBe(name);
  });

  it("reads the repository's README, and falls back to one query without it", () => {
    const examples = loadExamples();
    expect(examples.length).toBeGreaterThan(3);
    expect(examples[0]!.query).toContain("benchmark(");
    // The README's tabs: one name each, none numbered.
    const names = examples.map((e) => /^query (\w+)/m.exec(e.query)?.[1]);
    expect(new Set(names).size).toBe(examples.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
    for (const { query } of examples) expect(query).not.toMatch(/^mutation|submitResponses|responses\(filter/m);
    expect(loadExamples("/nonexistent/README.md")).toEqual(FALLBACK_EXAMPLES);
  });
});

describe("prefersHtml", () => {
  it("is true for a browser's navigation, false for curl, fetch and GraphQL clients", () => {
    expect(prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")).toBe(true);
    expect(prefersHtml("*/*")).toBe(false);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml("application/json")).toBe(false);
    expect(prefersHtml("application/graphql-response+json, application/json;q=0.9")).toBe(false);
    expect(prefersHtml("application/json, text/html;q=0.5")).toBe(false);
    expect(prefersHtml("text/*")).toBe(true);
    expect(prefersHtml("text/html;q=0")).toBe(false);
  });
});

const request = (method: string, search: string, headers: Record<string, string>): RouteRequest => ({ method, search, headers, path: "/graphql" });
const BROWSER = { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

describe("the /graphql route", () => {
  const api = graphqlRoute(async () => ({ status: 200, headers: {}, body: "api" }), [{ query: "{ a }" }, { query: "# </script>\n{ b }" }]);

  it("answers a browser's plain GET with GraphiQL under a same-origin policy", async () => {
    const page = await api.handle(request("GET", "", BROWSER));
    expect(page.headers).toMatchObject({ "content-type": "text/html; charset=utf-8", "content-security-policy": CONTENT_SECURITY_POLICY });
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(String(page.body)).toContain(
      '<script type="application/json" id="poet-examples">[{"query":"{ a }"},{"query":"# \\u003c/script>\\n{ b }"}]</script>',
    );
    expect(String(page.body)).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("hands queries, POSTs, and anything not asking for HTML to the API", async () => {
    for (const r of [request("GET", "?query={a}", BROWSER), request("POST", "", BROWSER), request("GET", "", { accept: "*/*" }), request("GET", "", {})])
      expect((await api.handle(r)).body).toBe("api");
  });
});

describe("GraphiQL's files", () => {
  const assets = graphiqlAssets();
  const paths = [...graphiqlHtml([]).matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((m) => m[1]!);

  it("serves every file the page names, from node_modules, with a year's cache for the versioned ones", async () => {
    expect(paths).toHaveLength(5);
    for (const path of paths) {
      const response = await assets.handle({ method: "GET", path, search: "", headers: {} });
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toMatch(path.endsWith(".css") ? /^text\/css/ : /^text\/javascript/);
      expect(response.headers["cache-control"]).toBe(path.endsWith("start.js") ? "no-cache" : "public, max-age=31536000, immutable");
      expect(response.body.length).toBeGreaterThan(100);
    }
    expect(paths).toContain("/graphiql/graphiql@3.8.3/graphiql.min.js");
  });

  it("serves nothing else", async () => {
    for (const path of ["/graphiql/", "/graphiql/../package.json", "/graphiql/graphiql@3.8.3/graphiql.js", "/graphiql/react@18.3.1/index.js"])
      expect((await assets.handle({ method: "GET", path, search: "", headers: {} })).status).toBe(404);
  });
});
