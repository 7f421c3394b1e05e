import { memoKeeping } from "../util/memo.ts";

// A vitest setup file for mutation runs (vitest.config.ts, POET_FIGURE_CACHE=off): nothing is kept
// in memory between reads (figures' caches included), so each test itself runs the code it needs.
memoKeeping.enabled = false;

// The server loads the domain modules lazily, so their module-level code (schemas, constants)
// would otherwise first run inside whichever test happens to need them, and Stryker would credit
// it to that test alone. Loaded here, it runs outside every test: a static mutant, which the
// unit shard tests against the unit tests that pin it (docs/mutation-testing.md).
await Promise.all([
  import("../figure/index.ts"),
  import("../organisation/index.ts"),
  import("../organisation/loaders.ts"),
  import("../organisation/validation.ts"),
]);
