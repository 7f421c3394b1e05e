import { readFileSync } from "node:fs";
import { createPgliteDatabase } from "./packages/core/src/db/pglite.ts";
import { setupDatabase } from "./packages/core/src/db/setup.ts";
import { seedDemoData } from "./packages/core/src/demo/seed.ts";
import { createTestClient } from "./packages/core/src/testing/graphql.ts";
const db = await createPgliteDatabase(null);
await setupDatabase(db);
await seedDemoData(db);
const api = createTestClient(db);
const blocks = [...readFileSync("README.md", "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
for (const q of blocks) {
  const r = await api.query(q);
  const text = JSON.stringify(r);
  console.log(q.split("\n")[1]?.trim().slice(0, 60) ?? q.slice(0, 60), "| errors:", r.errors?.map((e) => e.message) ?? "none", "| NO_DATA:", (text.match(/NO_DATA/g) ?? []).length, "| AVAILABLE:", (text.match(/AVAILABLE/g) ?? []).length);
}
process.exit(0);
