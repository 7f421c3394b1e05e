// Runs in a fresh `node` process: import the bundled handler, answer one API Gateway v2 event,
// print the timings as JSON. Started by scripts/bench/cold-start.ts.
const [bundle, eventJson] = process.argv.slice(2);
const event = JSON.parse(eventJson);
const context = { functionName: "bench", awsRequestId: "bench", getRemainingTimeInMillis: () => 15000 };

const t0 = performance.now();
const mod = await import(bundle);
const t1 = performance.now();
const result = await mod.handler(event, context);
const t2 = performance.now();

// On a line of its own: the handler's request log (pino, as on Lambda) shares stdout.
process.stdout.write(
  "\n" +
    JSON.stringify({
      importMs: t1 - t0,
      firstRequestMs: t2 - t1,
      totalMs: t2 - t0,
      sinceProcessStartMs: t2, // performance.now() counts from process start
      statusCode: result.statusCode,
      body: result.body,
    }) +
    "\n",
);
process.exit(0); // don't wait for timers (Apollo's) to drain: Lambda freezes the process here anyway
