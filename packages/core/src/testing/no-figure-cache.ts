import { figureCaching } from "../figure/caching.ts";

// A vitest setup file for mutation runs (vitest.config.ts, POET_FIGURE_CACHE=off).
figureCaching.enabled = false;
