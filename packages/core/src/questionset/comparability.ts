import { groupBy } from "../util/loader.ts";
import type { QuestionDefinition, QuestionSetDefinition, ScaleDefinition } from "./types.ts";

/**
 * How a question's scale changed from the version before, or null when figures may pool the two:
 * every earlier option is still there with the same band, and what was added is EXCLUDED (a "not
 * applicable" that leaves the denominator changes no published share of those who answered).
 */
export function scaleChange(before: ScaleDefinition, after: ScaleDefinition): string | null {
  if (Boolean(before.multiple) !== Boolean(after.multiple)) return after.multiple ? "became multi-tick" : "stopped being multi-tick";
  const now = new Map(after.options.map((o) => [o.code, o]));
  for (const option of before.options) {
    const kept = now.get(option.code);
    if (!kept) return `lost the option "${option.code}"`;
    if (kept.band !== option.band) return `moved "${option.code}" from ${option.band ?? "no band"} to ${kept.band ?? "no band"}`;
  }
  const was = new Set(before.options.map((o) => o.code));
  const added = after.options.find((o) => !was.has(o.code) && o.band !== "EXCLUDED");
  return added ? `added the option "${added.code}", which is not EXCLUDED` : null;
}

const scaleOf = (set: QuestionSetDefinition, question: QuestionDefinition) => set.scales.find((s) => s.code === question.scale);

/**
 * What is wrong with the versions of the instruments, as sentences (none when all is well):
 * versions number 1, 2, 3…; version 1 says nothing of comparability and every later question
 * does; a comparable question has the same code, kind and a compatible scale in the version
 * before; a code whose scale changed is a new code.
 */
export function versionProblems(definitions: readonly QuestionSetDefinition[]): string[] {
  const problems: string[] = [];
  const byCode = groupBy([...definitions], (d) => d.code);
  for (const [code, sets] of byCode) {
    const ordered = [...sets].sort((a, b) => a.version - b.version);
    ordered.forEach((set, index) => {
      if (set.version !== index + 1) problems.push(`${code} has version ${set.version} where version ${index + 1} was due`);
    });
    for (const [index, set] of ordered.entries()) {
      const before = ordered[index - 1];
      for (const question of set.questions) {
        const where = `${code} v${set.version} ${question.code}`;
        if (!before) {
          if (question.comparable !== undefined) problems.push(`${where}: version 1 has nothing to be comparable with`);
          continue;
        }
        if (question.comparable === undefined) {
          problems.push(`${where}: a later version must say whether each question is comparable with the version before`);
          continue;
        }
        const earlier = before.questions.find((q) => q.code === question.code);
        if (!earlier) {
          if (question.comparable) problems.push(`${where}: comparable, but version ${before.version} has no question "${question.code}"`);
          continue;
        }
        const [from, to] = [scaleOf(before, earlier), scaleOf(set, question)];
        const change = from && to ? scaleChange(from, to) : "has no scale";
        if (change) problems.push(`${where}: since version ${before.version} its scale ${change}; a question whose scale changed takes a new code`);
        else if (question.comparable && earlier.kind !== question.kind) problems.push(`${where}: comparable, but its kind changed from ${earlier.kind}`);
      }
    }
  }
  return problems;
}

interface ChainQuestion {
  code: string;
  comparable: boolean | null;
}

/**
 * A question and the questions of earlier versions its figures pool with, oldest first: walking
 * back one version at a time while each says it is comparable with the one before.
 * `sameCodeIn(version)` finds the question of the same code in another version of its set.
 */
export function poolingChain<Q extends ChainQuestion>(
  question: Q,
  version: number,
  sameCodeIn: (version: number) => Q | undefined,
): { version: number; question: Q }[] {
  const chain = [{ version, question }];
  for (let at = chain[0]!; at.question.comparable && at.version > 1; at = chain[0]!) {
    const earlier = sameCodeIn(at.version - 1);
    if (!earlier) break;
    chain.unshift({ version: at.version - 1, question: earlier });
  }
  return chain;
}
