import type { BenchmarkResult } from "../figure/index.ts";
import type { ReportContent } from "./content.ts";
import { EXPECTED } from "./funnel.ts";
import { ONE } from "./parts.ts";
import { significant } from "./sections.ts";

/**
 * "At a glance": only what is significant at 95%, each statement naming the area it is about;
 * when nothing is, it says so. Similar results are counted, never listed.
 */
export function glance(content: ReportContent): string[] {
  const area = content.area.name;
  const statements: string[] = [];
  const outcome = (i: BenchmarkResult) => i.comparisons.find((c) => c.comparator === "ENGLAND")?.outcome;
  const compared = (items: BenchmarkResult[]) => items.filter((i) => i.value.status === "AVAILABLE" && outcome(i) && outcome(i) !== "NOT_COMPARED");
  const names = (items: BenchmarkResult[]) => list(items.map((i) => i.question.shortText));
  for (const [items, noun] of [
    [content.outcomes, "outcome"],
    [content.process, "process measure"],
  ] as const) {
    const shown = compared(items);
    if (!shown.length) continue;
    const better = shown.filter((i) => outcome(i) === "BETTER" || outcome(i) === "HIGHER");
    const worse = shown.filter((i) => outcome(i) === "WORSE" || outcome(i) === "LOWER");
    const of = `${shown.length} ${noun}${shown.length === 1 ? "" : "s"} compared`;
    if (better.length)
      statements.push(`In ${area}, ${better.length} of ${of} ${better.length === 1 ? "was" : "were"} better than England's: ${names(better)}.`);
    if (worse.length) statements.push(`In ${area}, ${worse.length} of ${of} ${worse.length === 1 ? "was" : "were"} worse than England's: ${names(worse)}.`);
  }
  for (const assessment of ["GETTING_BETTER", "GETTING_WORSE"] as const) {
    const moving = content.trends.filter((t) => t.area.assessment === assessment);
    if (moving.length)
      statements.push(
        `In ${area}, ${list(moving.map((t) => t.area.question.shortText))} ${assessment === "GETTING_BETTER" ? "got better" : "got worse"} over the years (a significant trend at 95%).`,
      );
  }
  const own = content.funnel?.points.find((p) => p.area.code === content.area.code);
  if (own?.compared && own.compared !== "ABOUT_AS_EXPECTED") {
    statements.push(
      `In ${area}, ${content.funnel!.question.shortText} was ${EXPECTED[own.compared].words.toLowerCase()} against every ${ONE[content.area.type]}: outside the funnel plot's ${own.compared.startsWith("MUCH") ? "99.8%" : "95%"} limits.`,
    );
  }
  const association = content.associations.find((a) => a.sentence && significant(a));
  if (association) {
    const where = content.detailArea.code === content.area.code ? area : `${content.detailArea.name} (the region ${area} is part of)`;
    statements.push(`In ${where}: ${lowerFirst(association.sentence!)}`);
  }
  return statements;
}

/** What "At a glance" says when nothing in the report is significant. */
export const nothingSignificant = (content: ReportContent): string =>
  `Nothing in ${content.area.name}'s figures differs from England's by more than chance would explain at 95%: every measure compared is similar to England, and no trend or association is significant.`;

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "a, b and c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
