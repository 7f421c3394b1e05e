import { createDatabase } from "@poet/core/db/index";
import { setupDatabase } from "@poet/core/db/setup";
import { startWsProxy } from "@poet/core/db/ws-proxy";
import { generateDemoResponses } from "@poet/core/demo/generate";
import { seedDemoData } from "@poet/core/demo/seed";
import { sql } from "drizzle-orm";

const scale = Number(process.argv[2] ?? 3);
let t = performance.now();
let n = 0;
let a = 0;
for (const r of generateDemoResponses({ scale })) {
  n++;
  a += Object.keys(r.answers).length;
}
console.log(`generate ${n} responses ${a} answers: ${((performance.now() - t) / 1000).toFixed(1)} s`);
const proxy = await startWsProxy();
const admin = await createDatabase({ driver: "neon", url: "postgres://postgres@127.0.0.1:5432/postgres", wsProxy: proxy.address });
await admin.db.execute(sql.raw("drop database if exists poet_prof with (force)"));
await admin.db.execute(sql.raw("create database poet_prof"));
const db = await createDatabase({ driver: "neon", url: "postgres://postgres@127.0.0.1:5432/poet_prof", wsProxy: proxy.address });
await setupDatabase(db);
await admin.db.execute(sql.raw("alter database poet_prof set log_min_duration_statement = 300"));
await db.close();
const db2 = await createDatabase({ driver: "neon", url: "postgres://postgres@127.0.0.1:5432/poet_prof", wsProxy: proxy.address });
Object.assign(db, db2);
t = performance.now();
await seedDemoData(db, { scale, replace: true });
console.log(`seed: ${((performance.now() - t) / 1000).toFixed(1)} s`);
await db.close();
await admin.close();
await proxy.close();
