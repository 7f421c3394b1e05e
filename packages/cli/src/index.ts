#!/usr/bin/env -S npx tsx
import { main } from "./program.ts";

// The exit code is set, not forced: what a command wrote to a pipe is flushed first.
process.exitCode = await main(process.argv.slice(2));
