/**
 * Lets the event loop run what is waiting (other requests' I/O, timers) before going on. Work that
 * only awaits resolved promises — PGlite's queries, which run in this thread, or a report's charts
 * — otherwise runs as one unbroken stretch, and every other caller waits for all of it.
 */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
