/**
 * Mutants that cannot change an answer, and why: `scripts/stryker-exclusions.mjs` (the `exclusions`
 * ignorer in stryker.config.json) reports them as ignored, with the reason, instead of letting them
 * dilute the score. The domain code carries no `// Stryker` comment (docs/mutation-testing.md).
 *
 * Each entry finds one piece of code by what it is, not by its line:
 *  - `file`: the source file, from the repository's root;
 *  - `in`: the name of a function it sits in (a declaration, or the variable or property an
 *    arrow function or function expression is assigned to);
 *  - `code`: how the code starts (whitespace does not matter): the outermost statement or
 *    expression in that function whose text starts so. It must match exactly one.
 *  - `mutators`: the Stryker mutators ignored there ("all" for every one), on the line where that
 *    code starts, as `// Stryker disable next-line <mutators>` in front of it would;
 *  - `reason`: why no test can tell those mutants from the code as written.
 *
 * `npm run test:unit` checks that every entry still matches (scripts/mutation-exclusions.test.ts):
 * when code moves or changes, update its entry or drop it.
 */
export const EXCLUSIONS = [
  // Shortcuts: work saved, the same answer either way.
  {
    file: "packages/core/src/figure/benchmark.ts",
    in: "benchmarkItem",
    code: "const england =",
    mutators: ["ConditionalExpression"],
    reason: "England's measure made again is the same measure (this saves the work)",
  },
  {
    file: "packages/core/src/figure/aggregate.ts",
    in: "applyCubeDelta",
    code: "const rows = emptied.filter",
    mutators: ["MethodExpression"],
    reason: "another cube's keys have other columns and match none of this cube's rows; the filter only keeps them out of its statement",
  },
  {
    file: "packages/core/src/figure/aggregate.ts",
    in: "applyCubeDelta",
    code: "if (!rows.length) continue",
    mutators: ["ConditionalExpression"],
    reason: "saves a statement that would delete nothing",
  },
  {
    file: "packages/core/src/figure/cube.ts",
    in: "poolQuestions",
    code: "if (questionIds.length === 1)",
    mutators: ["ConditionalExpression"],
    reason: "a shortcut; pooling one question's cells gives the same",
  },
  {
    file: "packages/core/src/figure/cube.ts",
    in: "poolCells",
    code: "const type = typeof within",
    mutators: ["all"],
    reason: "a shortcut for a leaf area, which the loop below (a leaf is its own ancestor) pools the same",
  },
  {
    file: "packages/core/src/figure/cube.ts",
    in: "poolCells",
    code: 'if (type === "LOCAL_AUTHORITY"',
    mutators: ["all"],
    reason: "a shortcut for a leaf area, which the loop below (a leaf is its own ancestor) pools the same",
  },
  {
    file: "packages/core/src/organisation/authenticate.ts",
    in: "fromApiKey",
    code: "const stale =",
    mutators: ["ConditionalExpression", "EqualityOperator", "ArithmeticOperator"],
    reason: "the update's own condition repeats this check; `stale` only saves a round trip",
  },
  {
    file: "packages/core/src/organisation/authenticate.ts",
    in: "fromApiKey",
    code: "if (stale)",
    mutators: ["ConditionalExpression"],
    reason: "the update's own condition repeats this check; `stale` only saves a round trip",
  },

  // Caches: they change how fast an answer comes, not what it is. (The figures' own caches are in
  // figure/caching.ts and util/memo.ts, outside `mutate`.)
  {
    file: "packages/core/src/figure/cube.ts",
    in: "leafBandCells",
    code: "return source.key === null",
    mutators: ["StringLiteral"],
    reason: "the key is read only with the cache on, and mutation runs turn it off (testing/mutation-setup.ts)",
  },
  {
    file: "packages/core/src/organisation/authenticate.ts",
    in: "verifier",
    code: "if (!found)",
    mutators: ["ConditionalExpression"],
    reason: "a verifier made afresh answers the same (the cache saves fetching the provider's keys)",
  },

  // Guards and fallbacks for what the data or the callers never give.
  {
    file: "packages/core/src/figure/cube.ts",
    in: "leafBandCells",
    code: "if (questionIds.length === 0)",
    mutators: ["all"],
    reason: "no figure asks for no questions (and `in ()` is not SQL)",
  },
  {
    file: "packages/core/src/figure/coverage.ts",
    in: "coverage",
    code: "if (!sets.length)",
    mutators: ["ConditionalExpression", "ArrayDeclaration"],
    reason: "only a database without question sets has none (and `in ()` is not SQL)",
  },
  {
    file: "packages/core/src/figure/coverage.ts",
    in: "coverage",
    code: "for (const area of",
    mutators: ["ArrayDeclaration"],
    reason: "every area type has areas in the reference data",
  },
  {
    file: "packages/core/src/figure/eligibility.ts",
    in: "responseCells",
    code: "[]",
    mutators: ["ArrayDeclaration"],
    reason: "no row names a question set, so a stray one is never found",
  },
  {
    file: "packages/core/src/figure/eligibility.ts",
    in: "versionEligibility",
    code: "const setYears =",
    mutators: ["ArrayDeclaration"],
    reason: "a version with responses in an area has years",
  },
  {
    file: "packages/core/src/figure/reference.ts",
    in: "load",
    code: "const sameCodeIn =",
    mutators: ["UnaryOperator", "OptionalChaining"],
    reason: "versions run 1…N without a gap, so the set before a version always exists",
  },
  {
    file: "packages/core/src/figure/target.ts",
    in: "inPeriod",
    code: "return period !== null",
    mutators: ["ConditionalExpression"],
    reason: "callers ask only with a period (a guard for the type)",
  },
  {
    file: "packages/core/src/figure/target.ts",
    in: "resolveQuestionSet",
    code: "codes: readonly string[] = []",
    mutators: ["ArrayDeclaration"],
    reason: "no code named and a code no version asks choose alike",
  },
  {
    file: "packages/core/src/figure/target.ts",
    in: "resolveSetAndPeriod",
    code: "codes: readonly string[] = []",
    mutators: ["ArrayDeclaration"],
    reason: "no code named and a code no version asks choose alike",
  },
  {
    file: "packages/core/src/figure/benchmark.ts",
    in: "resolveTarget",
    code: "codes: readonly string[] = []",
    mutators: ["ArrayDeclaration"],
    reason: "no code named and a code no version asks choose alike",
  },

  // Boundaries no value reaches, and conventions either way of which is consistent.
  {
    file: "packages/core/src/figure/trend.ts",
    in: "trendDirection",
    code: "return z === null",
    mutators: ["EqualityOperator"],
    reason: "z is never exactly the critical value",
  },
  {
    file: "packages/core/src/figure/statistics.ts",
    in: "compareWithComparator",
    code: "const areaHigher =",
    mutators: ["EqualityOperator"],
    reason: "a comparator on the lower limit returned SIMILAR above",
  },
  {
    file: "packages/core/src/figure/statistics.ts",
    in: "trendZ",
    code: "sumNT += q.denominator * i",
    mutators: ["AssignmentOperator"],
    reason: "sumNT is only ever squared, so its sign cannot matter",
  },
  {
    file: "packages/core/src/figure/cross-breakdown.ts",
    in: "crossCategories",
    code: "const swapped =",
    mutators: ["EqualityOperator"],
    reason: "which orientation is canonical is a convention (either is consistent), and by and thenBy are never one question",
  },

  // Settings whose effect no test can see.
  {
    file: "packages/core/src/organisation/authenticate.ts",
    in: "verifier",
    code: "const keys = createRemoteJWKSet",
    mutators: ["ObjectLiteral"],
    reason: "how long a hung provider may hold a request (jose's own default is 5 s)",
  },
  {
    file: "packages/core/src/organisation/loaders.ts",
    in: "createOrganisationLoaders",
    code: "() => null",
    mutators: ["ArrowFunction"],
    reason: "null and undefined both answer null in GraphQL",
  },
];
