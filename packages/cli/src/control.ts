import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { isAbsolute } from "node:path";
import type { Output } from "./output.ts";

// A server's control channel: how `poet` commands run through the process that owns a PGlite
// folder instead of opening it a second time. It listens on the loopback interface only and
// answers a request that carries the secret written in the folder's lock (readable by its owner
// only), streaming the command's output back as lines of JSON.

/** A command line to run, and the folder its relative paths are relative to. */
export interface ControlRequest {
  argv: string[];
  cwd: string;
}

type Line = { out: string } | { err: string } | { exit: number };

const MAX_REQUEST_BYTES = 64 * 1024;

function parseRequest(body: string): ControlRequest | null {
  try {
    const { argv, cwd } = JSON.parse(body) as Partial<ControlRequest>;
    const valid = Array.isArray(argv) && argv.length <= 200 && argv.every((a) => typeof a === "string") && typeof cwd === "string" && isAbsolute(cwd);
    return valid ? { argv, cwd } : null;
  } catch {
    return null;
  }
}

const sameSecret = (given: string | undefined, token: string): boolean => {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(`Bearer ${token}`);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Listens on 127.0.0.1 for commands to run with `run`, which returns the exit code. */
export async function startControl(run: (request: ControlRequest, sink: Output) => Promise<number>) {
  const token = randomBytes(24).toString("base64url");
  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/run" || !sameSecret(req.headers.authorization, token)) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on("end", async () => {
      const request = size <= MAX_REQUEST_BYTES ? parseRequest(Buffer.concat(chunks).toString("utf8")) : null;
      if (!request) {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      const send = (line: Line) => void (res.writableEnded || res.write(`${JSON.stringify(line)}\n`));
      let code = 1;
      try {
        code = await run(request, { out: (text) => send({ out: text }), err: (text) => send({ err: text }), terminal: false });
      } catch (error) {
        send({ err: `poet: ${error instanceof Error ? error.message : String(error)}\n` });
      }
      send({ exit: code });
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/run`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => server.closeAllConnections()),
  };
}

/** Runs a command line through a server's control channel, writing its output to `sink`; its exit code. */
export async function runThrough(control: { url: string; token: string }, request: ControlRequest, sink: Output): Promise<number> {
  const response = await fetch(control.url, {
    method: "POST",
    headers: { authorization: `Bearer ${control.token}`, "content-type": "application/json" },
    body: JSON.stringify(request),
  }).catch((error: Error) => {
    throw new Error(`the server holding the data folder does not answer at ${control.url} (${error.message}); if it has stopped, run this again`);
  });
  if (!response.ok || !response.body) throw new Error(`the server holding the data folder refused the command (HTTP ${response.status})`);
  let pending = "";
  let code: number | null = null;
  const decoder = new TextDecoder();
  const handle = (text: string) => {
    if (!text) return;
    const line = JSON.parse(text) as Line;
    if ("out" in line) sink.out(line.out);
    else if ("err" in line) sink.err(line.err);
    else code = line.exit;
  };
  for await (const chunk of response.body) {
    pending += decoder.decode(chunk as Uint8Array, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) handle(line);
  }
  handle(pending);
  if (code === null) throw new Error("the server holding the data folder stopped before the command finished");
  return code;
}
