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

/**
 * The public examples of a README: its ```graphql blocks (not ```graphql member, which need a
 * key), each named after its first field and headed by the sentence that introduces it, so
 * GraphiQL's tabs are told apart.
 */
export function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const names = new Map<string, number>();
  const block = /^```graphql[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  let end = 0;
  for (let match = block.exec(markdown); match; match = block.exec(markdown)) {
    const prose = markdown.slice(end, match.index);
    end = match.index + match[0].length;
    let query = match[1]!;
    const field = /^\s*\{\s*(?:\w+\s*:\s*)?(\w+)/.exec(query)?.[1];
    if (field) {
      const seen = (names.get(field) ?? 0) + 1;
      names.set(field, seen);
      query = query.replace(/^\s*\{/, `query ${pascal(field)}${seen > 1 ? seen : ""} {`);
    }
    const comment = lead(prose);
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
