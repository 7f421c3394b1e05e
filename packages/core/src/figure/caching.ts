/**
 * Whether figures keep reference data and leaf cells in memory between requests. They do, except
 * in mutation runs (POET_FIGURE_CACHE=off, see docs/mutation-testing.md): there every test must
 * reach the code it depends on, or per-test coverage credits it to the first test alone.
 */
// Stryker disable next-line all: caching changes how fast figures come, never what they are, and mutation runs turn it off
export const figureCaching = { enabled: true };
