import { describe, expect, it } from "vitest";
import type { BenchmarkResult } from "../figure/index.ts";
import { spreadOf } from "../figure/index.ts";
import { logTicks, STRIP_HEIGHT, strip, trendChart } from "./charts.ts";
import type { ReportContent } from "./content.ts";
import { glance, list, nothingSignificant } from "./glance.ts";
import { cssString } from "./html.ts";
import { MAX_ROWS, measuresFigures } from "./sections.ts";

// The report's pure parts: its charts' geometry, its page boxes' strings, what "At a glance"
// says and how long lists are cut into charts. The whole report, drawn and printed, is tested in
// report.db.test.ts and in a browser (packages/cli/src/report-browser.db.test.ts).

const area = { code: "E10000024", name: "Nottinghamshire", type: "LOCAL_AUTHORITY" } as ReportContent["area"];

function item(code: string, outcome: string | null, percentage = 60): BenchmarkResult {
  return {
    question: { code, shortText: code.replaceAll("_", " ") },
    value: { status: "AVAILABLE", percentage, confidenceInterval: { lower: percentage - 5, upper: percentage + 5 }, symbol: null },
    comparisons: outcome
      ? [{ comparator: "ENGLAND", name: "England", areaCodes: ["E92000001"], outcome, measure: { status: "AVAILABLE", percentage: 55 } }]
      : [],
    rank: null,
  } as unknown as BenchmarkResult;
}

function content(parts: Partial<ReportContent>): ReportContent {
  return {
    area,
    detailArea: area,
    outcomes: [],
    process: [],
    trends: [],
    associations: [],
    breakdowns: [],
    views: [],
    revised: null,
    funnel: null,
    ...parts,
  } as ReportContent;
}

const association = (lower: number, upper: number) => ({
  result: { relativeRisk: { estimate: (lower + upper) / 2, lower, upper } },
  sentence: `People who answered "Yes" were ${((lower + upper) / 2).toFixed(1)} times as likely (95% CI ${lower} to ${upper}).`,
});

describe("At a glance", () => {
  it("states only what is significant, naming the area and the measures", () => {
    const said = glance(
      content({
        outcomes: [item("quality_of_life", "BETTER"), item("friendships", "SIMILAR"), item("feeling_safe", "WORSE"), item("control", "BETTER")],
        process: [item("information", "SIMILAR")],
        associations: [association(0.9, 1.8), association(1.2, 2.1)] as ReportContent["associations"],
      }),
    );
    expect(said).toEqual([
      "In Nottinghamshire, 2 of 4 outcomes compared were better than England's: quality of life and control.",
      "In Nottinghamshire, 1 of 4 outcomes compared was worse than England's: feeling safe.",
      // The association whose interval includes 1 is left out, though it comes first.
      `In Nottinghamshire: people who answered "Yes" were 1.6 times as likely (95% CI 1.2 to 2.1).`,
    ]);
  });

  it("says which area an association is about when it is the region's", () => {
    const region = { code: "E12000004", name: "East Midlands", type: "REGION" } as ReportContent["area"];
    const [said] = glance(content({ detailArea: region, associations: [association(1.1, 1.5)] as ReportContent["associations"] }));
    expect(said).toMatch(/^In East Midlands \(the region Nottinghamshire is part of\): people who/);
  });

  it("says where the area falls outside its funnel's limits, and not when it is about as expected", () => {
    const funnel = (compared: string) =>
      ({ question: { shortText: "quality of life" }, points: [{ area: { code: "E10000024" }, compared }] }) as unknown as ReportContent["funnel"];
    expect(glance(content({ funnel: funnel("MUCH_WORSE") }))).toEqual([
      "In Nottinghamshire, quality of life was much worse than expected against every council: outside the funnel plot's 99.8% limits.",
    ]);
    expect(glance(content({ funnel: funnel("BETTER") }))[0]).toContain("better than expected against every council: outside the funnel plot's 95% limits");
    expect(glance(content({ funnel: funnel("ABOUT_AS_EXPECTED") }))).toEqual([]);
  });

  it("says nothing where nothing is significant, and the report says that in words", () => {
    const quiet = content({
      outcomes: [item("quality_of_life", "SIMILAR")],
      associations: [association(0.8, 1.4)] as ReportContent["associations"],
    });
    expect(glance(quiet)).toEqual([]);
    expect(nothingSignificant(quiet)).toContain("Nothing in Nottinghamshire's figures differs from England's");
  });

  it("joins names as a sentence does", () => {
    expect([list([]), list(["a"]), list(["a", "b"]), list(["a", "b", "c"])]).toEqual(["", "a", "a and b", "a, b and c"]);
  });
});

describe("charts", () => {
  it("place marks in percentages of the strip's width, so that it stretches without scaling, and never past its ends", () => {
    const svg = strip({
      value: { value: 62.5, lower: 55, upper: 104, shape: "circle", colour: "#000" },
      reference: { value: 50 },
      range: { lowest: -3, lowerQuartile: 40, upperQuartile: 70, highest: 90 },
      others: [{ value: 30, shape: "square", colour: "#111", lane: -1 }],
    }).value;
    expect(svg).toMatch(new RegExp(`^<svg class="strip" width="100%" height="${STRIP_HEIGHT}" aria-hidden="true"`));
    expect(svg).not.toContain("viewBox");
    expect(svg).toContain('<svg x="62.50%" y="50%"');
    expect(svg).toContain('<line x1="55.00%" x2="100.00%"');
    expect(svg).toContain('<rect x="0.00%" width="93.00%"');
    // A comparator sits in its own lane, above the value's.
    expect(svg).toContain('<svg x="30.00%" y="17%"');
    expect(svg).toContain('x1="50.00%" x2="50.00%"');
  });

  it("break a trend's line where a year is withheld, and mark a revision between years", () => {
    const drawn = trendChart(
      ["2022-23", "2023-24", "2024-25", "2025-26"],
      [{ values: [50, null, 60, 70], colour: "#000", shape: "circle", filled: true, dashed: false }],
      3,
    ).value;
    const lines = [...drawn.matchAll(/<line x1="([\d.]+%)" y1="[\d.]+" x2="([\d.]+%)"/g)].map((m) => `${m[1]}-${m[2]}`);
    expect(lines).toEqual(["66.67%-100.00%"]);
    expect(drawn).toContain('<line x1="83.33%" x2="83.33%"');
    expect(drawn).toContain(">22-23<");
  });
});

describe("the funnel plot's axis", () => {
  it("labels a log scale with five round numbers within its range", () => {
    expect(logTicks(31, 77)).toEqual([31, 39, 49, 61, 77]);
    expect(logTicks(40, 4000)).toEqual([40, 130, 400, 1300, 4000]);
    expect(logTicks(9, 11).every((t) => t >= 9 && t <= 11)).toBe(true);
  });
});

describe("page boxes", () => {
  it("quote CSS strings so that no area name can end the style element or the string", () => {
    expect(cssString(`St Helen's "A" </style><script>`)).toBe(`"St Helen's \\22 A\\22  \\3c /style\\3e \\3c script\\3e "`);
    expect(cssString("a\\b\nc")).toBe(`"a\\5c b\\a c"`);
  });
});

describe("long lists", () => {
  it(`are drawn as charts of at most ${MAX_ROWS} rows, evenly, numbered in turn`, () => {
    let n = 4;
    const items = Array.from({ length: 18 }, (_, i) => item(`q${i}`, "SIMILAR"));
    const drawn = measuresFigures("outcomes", () => ++n, content({ outcomes: items }), items, "Outcomes in Nottinghamshire").value;
    const captions = [...drawn.matchAll(/<figcaption id="(outcomes-\d)-caption"><span class="figure-number">Figure (\d+)\.<\/span> ([^<]*)</g)].map((m) =>
      m.slice(1),
    );
    expect(captions).toEqual([
      ["outcomes-1", "5", "Outcomes in Nottinghamshire (1 of 3)"],
      ["outcomes-2", "6", "Outcomes in Nottinghamshire (2 of 3)"],
      ["outcomes-3", "7", "Outcomes in Nottinghamshire (3 of 3)"],
    ]);
    expect(drawn.match(/<tr><th scope="row">/g)).toHaveLength(18);
    const short = measuresFigures("outcomes", () => 1, content({}), items.slice(0, MAX_ROWS), "Outcomes").value;
    expect(short).toContain('<figure class="chart" id="outcomes"');
    expect(short).not.toContain("(1 of");
  });
});

describe("the spread of areas' values", () => {
  it("is the five-number summary R's quantile() gives (type 7)", () => {
    // quantile(c(40, 10, 30, 20)) in R: 10, 17.5, 25, 32.5, 40.
    expect(spreadOf([40, 10, 30, 20])).toEqual({ lowest: 10, lowerQuartile: 17.5, median: 25, upperQuartile: 32.5, highest: 40 });
    // quantile(c(1, 2, 4, 8, 16)): 1, 2, 4, 8, 16; one value is every quantile.
    expect(spreadOf([16, 8, 4, 2, 1])).toEqual({ lowest: 1, lowerQuartile: 2, median: 4, upperQuartile: 8, highest: 16 });
    expect(spreadOf([7])).toEqual({ lowest: 7, lowerQuartile: 7, median: 7, upperQuartile: 7, highest: 7 });
  });
});
