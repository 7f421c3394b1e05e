#!/usr/bin/env -S npx tsx
import { parseArgs } from "node:util";
import { loadConfig } from "@poet/core/config";
import { runCommand, USAGE } from "./commands.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    scale: { type: "string" },
    replace: { type: "boolean", default: false },
    slug: { type: "string" },
    name: { type: "string" },
    type: { type: "string" },
    area: { type: "string", multiple: true },
    organisation: { type: "string" },
    role: { type: "string" },
    label: { type: "string" },
    expires: { type: "string" },
    prefix: { type: "string" },
    "question-set": { type: "string" },
    version: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    "accept-valid": { type: "boolean", default: false },
    encoding: { type: "string" },
    dictionary: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

const [command = "serve", ...args] = positionals;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

try {
  const config = loadConfig();
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  if (scale !== undefined && !(scale > 0)) throw new Error("--scale must be a positive number, e.g. --scale 100");
  const running = await runCommand(command, config, { ...values, scale }, args);
  if (running) {
    const stop = () => void running.stop().then(() => process.exit(0));
    process.once("SIGINT", stop).once("SIGTERM", stop);
  }
} catch (error) {
  console.error(`poet ${command}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit((error as { exitCode?: number }).exitCode ?? 1);
}
