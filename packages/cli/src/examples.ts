import { readFileSync } from "node:fs";

/** One GraphiQL tab. */
export interface Example {
  query: string;
}

export const FALLBACK_EXAMPLES: Example[] = [{ query: "{\n  areas(type: LOCAL_AUTHORITY, first: 100) { totalCount }\n  questionSets { code }\n}\n" }];

/** The README's own words for an example: the paragraph before it, up to its first colon or full stop. */
function lead(prose: string): string {
  const paragraph =
    prose
      .trim()
      .split(/\n\s*\n/)
      .at(-1) ?? "";
  const text = paragraph
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.split(/:(?: |$)|\. /)[0]!.trim();
}

const pascal = (field: string) => field[0]!.toUpperCase() + field.slice(1);

/** Words a name does without: articles, question words and auxiliaries ("How a council compares" → CouncilCompares). */
const FILLER = new Set(["a", "an", "the", "how", "which", "what", "its", "their", "have", "has", "is", "are", "be", "so", "one"]);
const MAX_WORDS = 5;

/**
 * An operation name from an example's lead sentence, up to its first comma, semicolon or
 * bracket: "How a council compares with England (…)" → CouncilComparesWithEngland, "A question
 * set, its questions …" → QuestionSet. Empty when the lead gives no word.
 */
export function operationName(lead: string): string {
  const words = (lead.split(/[,;(]/)[0] ?? "")
    .split(/\s+/)
    .map((word) => word.replace(/[^A-Za-z0-9]/g, ""))
    .filter((word) => word && !FILLER.has(word.toLowerCase()))
    .slice(0, MAX_WORDS);
  const name = words.map(pascal).join("");
  return /^[A-Za-z]/.test(name) ? name : "";
}

/**
 * The public examples of a README: its ```graphql blocks (not ```graphql member, which need a
 * key), each headed by the sentence that introduces it and named after it (its first field's
 * name when there is none), so GraphiQL's tabs, which show an operation's name, are told apart:
 * CouncilComparesWithEngland and NegativeBand, never Benchmark and Benchmark2. A name two leads
 * share takes the first field's name after it; only then a number.
 */
export function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const taken = new Set<string>();
  const block = /^```graphql[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  let end = 0;
  for (let match = block.exec(markdown); match; match = block.exec(markdown)) {
    const prose = markdown.slice(end, match.index);
    end = match.index + match[0].length;
    let query = match[1]!;
    const comment = lead(prose);
    const field = /^\s*\{\s*(?:\w+\s*:\s*)?(\w+)/.exec(query)?.[1];
    if (field) {
      const base = operationName(comment) || pascal(field);
      const candidates = [base, base.endsWith(pascal(field)) ? base : `${base}${pascal(field)}`];
      let name = candidates.find((c) => !taken.has(c));
      for (let n = 2; !name; n++) if (!taken.has(`${candidates[1]}${n}`)) name = `${candidates[1]}${n}`;
      taken.add(name);
      query = query.replace(/^\s*\{/, `query ${name} {`);
    } else {
      const named = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1];
      if (named) taken.add(named);
    }
    examples.push({ query: comment ? `# ${comment}\n${query}` : query });
  }
  return examples;
}

/** The repository's README, two folders above this package's sources. */
export const README = new URL("../../../README.md", import.meta.url);

/** The README's examples, or one simple query when it cannot be read or has none. */
export function loadExamples(path: URL | string = README): Example[] {
  try {
    const examples = readmeExamples(readFileSync(path, "utf8"));
    return examples.length ? examples : FALLBACK_EXAMPLES;
  } catch {
    return FALLBACK_EXAMPLES;
  }
}
