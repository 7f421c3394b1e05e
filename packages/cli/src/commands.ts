import { startStandaloneServer } from "@apollo/server/standalone";
import type { Config } from "@poet/core/config";
import { createDatabase } from "@poet/core/db/index";
import { setupDatabase } from "@poet/core/db/setup";
import type { Database } from "@poet/core/db/types";
import { startWsProxy } from "@poet/core/db/ws-proxy";
import { seedDemoData } from "@poet/core/demo/seed";
import { issueApiKey } from "@poet/core/organisation/index";
import { organisations } from "@poet/core/organisation/organisation.sql";
import { eq } from "drizzle-orm";
import { createContext } from "@poet/core/graphql/context";
import { createApolloServer } from "@poet/core/graphql/server";

export const USAGE = `poet <command> [options]

Commands:
  serve            set the database up (first run: with the demo data on PGlite) and serve the
                   GraphQL API on http://localhost:$PORT/graphql (the default command)
  setup            apply migrations and load reference data and question sets
  seed             load the synthetic demo data set (--scale N multiplies it, --replace reloads)
  organisation     add an organisation: --slug SLUG --name NAME --type COUNCIL|HEALTH_BODY|RESEARCH|ADMINISTRATOR
  key              issue an API key for an organisation: --organisation SLUG [--label TEXT]
                   (shown once; RESEARCH and ADMINISTRATOR keys give researcher access)

Configuration is read from the environment; see README.md.`;

/** Reaching a plain Postgres through the Neon driver needs a WebSocket proxy: run one here. */
async function openDatabase(config: Config): Promise<Database> {
  const db = config.database;
  if (db.driver === "neon" && !db.wsProxy && !/\.neon\.tech$/.test(new URL(db.url).hostname)) {
    const proxy = await startWsProxy();
    const database = await createDatabase({ ...db, wsProxy: proxy.address });
    return { ...database, close: async () => (await database.close(), await proxy.close()) };
  }
  return createDatabase(db);
}

function describe(config: Config): string {
  const db = config.database;
  return db.driver === "pglite" ? `PGlite in ${db.dataDir ?? "memory"}` : `PostgreSQL at ${new URL(db.url).host} (Neon driver)`;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Runs a command; `serve` resolves once the API is listening, with a way to stop it. */
export interface CommandOptions {
  scale?: number;
  replace?: boolean;
  slug?: string;
  name?: string;
  type?: string;
  organisation?: string;
  label?: string;
}

const ORGANISATION_TYPES = ["COUNCIL", "HEALTH_BODY", "RESEARCH", "ADMINISTRATOR"] as const;

async function addOrganisation(database: Database, options: CommandOptions) {
  const type = ORGANISATION_TYPES.find((t) => t === options.type);
  if (!options.slug || !options.name || !type) throw new Error(`organisation needs --slug, --name and --type (${ORGANISATION_TYPES.join(", ")})`);
  await database.db.insert(organisations).values({ slug: options.slug, name: options.name, type });
  console.log(`poet: added ${type} organisation "${options.name}" (${options.slug})`);
}

async function issueKey(database: Database, options: CommandOptions) {
  if (!options.organisation) throw new Error("key needs --organisation SLUG");
  const [organisation] = await database.db.select().from(organisations).where(eq(organisations.slug, options.organisation));
  if (!organisation) throw new Error(`no organisation with slug "${options.organisation}"`);
  const key = await issueApiKey(database.db, organisation.id, options.label ?? "issued with the poet command");
  console.log(`poet: API key for ${organisation.name} (shown once, keep it safe):\n${key}`);
}

export async function runCommand(command: string, config: Config, options: CommandOptions): Promise<RunningServer | null> {
  if (!["serve", "setup", "seed", "organisation", "key"].includes(command)) throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  const database = await openDatabase(config);
  try {
    console.log(`poet: setting up ${describe(config)}…`);
    await setupDatabase(database);
    const firstLocalRun = command === "serve" && config.database.driver === "pglite";
    if (command === "seed" || firstLocalRun) {
      const started = Date.now();
      const seeded = await seedDemoData(database, options);
      console.log(
        seeded.skipped
          ? `poet: demo data already loaded (${seeded.responses} synthetic responses)`
          : `poet: loaded ${seeded.responses} SYNTHETIC demo responses in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    if (command === "organisation") await addOrganisation(database, options);
    if (command === "key") await issueKey(database, options);
    if (command !== "serve") {
      await database.close();
      return null;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const server = createApolloServer({ production: config.production });
  const { url } = await startStandaloneServer(server, { listen: { port: config.port }, context: async ({ req }) => createContext(database, { headers: req.headers as Record<string, string | undefined> }, { reportThreshold: config.reportThreshold }) });
  const endpoint = `${url}graphql`;
  console.log(`poet: POET API ready at ${endpoint} (${describe(config)})`);
  return { url: endpoint, stop: async () => (await server.stop(), await database.close()) };
}
