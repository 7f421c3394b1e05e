import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

// PGlite is one process's database: a second process opening the same folder writes over the
// first's pages and both are lost. So a folder has one owner at a time, named in a lock file
// beside it. A server also says there how to reach it, so a command can run through it instead.

/** Who holds a data folder, as its lock file says. */
export interface FolderOwner {
  pid: number;
  /** What it is doing, e.g. "poet serve". */
  command: string;
  since: string;
  /** The process's start time in clock ticks (Linux), so a reused pid is not taken for the owner. */
  startTicks?: string;
  /** How a command reaches the owner to run through it (a server's control channel). */
  control?: { url: string; token: string; api?: string };
}

/** The folder is held by another live process (or by another database in this one). */
export class FolderInUseError extends Error {
  override readonly name = "FolderInUseError";
  constructor(
    readonly dataDir: string,
    readonly owner: FolderOwner,
  ) {
    super(describeOwner(dataDir, owner));
  }
}

const held = new Map<string, FolderOwner>();
let releasingOnExit = false;

export const lockPathOf = (dataDir: string): string => `${resolve(dataDir)}.lock`;

/** A process's state and start time (clock ticks since boot), from Linux's /proc; null elsewhere or when it is gone. */
function statOf(pid: number | "self"): { state: string; startTicks: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0]!, startTicks: fields[19]! };
  } catch {
    return null;
  }
}

/** Whether the owner still runs: its pid answers, is no zombie, and (on Linux) started when the owner did. */
function alive(owner: FolderOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = statOf(owner.pid);
  if (!stat) return true;
  return stat.state !== "Z" && (!owner.startTicks || stat.startTicks === owner.startTicks);
}

function readOwner(lockPath: string): FolderOwner | null {
  try {
    const owner = JSON.parse(readFileSync(lockPath, "utf8")) as FolderOwner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/** The live process holding the folder, or null when it is free (a dead owner's lock counts as free). */
export function ownerOf(dataDir: string): FolderOwner | null {
  const path = lockPathOf(dataDir);
  const inProcess = held.get(path);
  if (inProcess) return inProcess;
  const owner = readOwner(path);
  return owner && owner.pid !== process.pid && alive(owner) ? owner : null;
}

/** Writes the lock whole or not at all: a reader never sees half a file. */
function writeLock(path: string, owner: FolderOwner, replace: boolean): boolean {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temporary, JSON.stringify(owner), { mode: 0o600 });
  try {
    if (replace) renameSync(temporary, path);
    else linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    if (!replace) unlinkSync(temporary);
  }
}

/**
 * Makes this process the folder's owner until `release`; throws FolderInUseError when a live
 * process (or another database in this one) holds it. A lock left by a killed process is taken over.
 */
export function claimFolder(dataDir: string, command: string): { release(): void } {
  const path = lockPathOf(dataDir);
  const owner: FolderOwner = { pid: process.pid, command, since: new Date().toISOString(), startTicks: statOf("self")?.startTicks };
  for (let attempt = 0; ; attempt++) {
    if (writeLock(path, owner, false)) break;
    const current = ownerOf(dataDir);
    if (current) throw new FolderInUseError(dataDir, current);
    if (attempt > 3) throw new Error(`cannot take ${path} over from a process that has stopped: delete it and try again`);
    try {
      unlinkSync(path);
    } catch {}
  }
  held.set(path, owner);
  if (!releasingOnExit) process.once("exit", releaseAll);
  releasingOnExit = true;
  return {
    release() {
      if (held.get(path) !== owner) return;
      held.delete(path);
      const current = readOwner(path);
      if (current?.pid === owner.pid && current.since === owner.since) unlinkSync(path);
    },
  };
}

function releaseAll(): void {
  for (const [path, owner] of held) {
    if (readOwner(path)?.since === owner.since) unlinkSync(path);
  }
  held.clear();
}

/** Tells commands how to reach this process, which must own the folder. */
export function advertise(dataDir: string, control: NonNullable<FolderOwner["control"]>): void {
  const path = lockPathOf(dataDir);
  const owner = held.get(path);
  if (!owner) throw new Error(`${dataDir} is not held by this process`);
  owner.control = control;
  writeLock(path, owner, true);
}

function describeOwner(dataDir: string, owner: FolderOwner): string {
  if (owner.pid === process.pid) return `the PGlite data folder ${dataDir} is already open in this process; PGlite allows one database on a folder at a time`;
  const who = `"${owner.command}" (process ${owner.pid}, since ${owner.since})`;
  const what = owner.control?.api
    ? `Other poet commands run through it; to start a second server, stop this one first (Ctrl+C where it runs) or give the new one its own POET_DATA_DIR.`
    : owner.command === SERVE
      ? "It is still starting (setting up, and on first start loading the demo data): run this again once it says the API is ready."
      : "Wait for it to finish or stop it, then run this again; or give this process its own POET_DATA_DIR.";
  return `the PGlite data folder ${dataDir} is in use by ${who}, and PGlite allows one process at a time. ${what}`;
}

/** The purpose a serving process gives its claim. */
export const SERVE = "poet serve";
