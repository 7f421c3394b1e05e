import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { maxBodyBytes } from "@poet/core/graphql";
import type { HttpRequest, HttpResponse } from "@poet/core/http";

export type RouteRequest = HttpRequest & {
  /** The URL's path, e.g. /graphql or /downloads/x.parquet. */
  path: string;
};

/** A response whose body may be binary (a download, a PDF). */
export type RouteResponse = HttpResponse<string | Uint8Array>;

/**
 * A handler mounted at a path: a prefix ending in "/" takes every path under it ("/downloads/"),
 * any other only itself ("/graphql").
 */
export interface Route {
  prefix: string;
  handle(request: RouteRequest): Promise<RouteResponse>;
}

export const matches = (prefix: string, path: string): boolean => (prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix);

const NOT_FOUND = JSON.stringify({ errors: [{ message: "The API is at /graphql", extensions: { code: "NOT_FOUND" } }] });
const FAILED = JSON.stringify({ errors: [{ message: "Unexpected error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });

/** Reads a body up to the limit; past it, stops reading and returns null (the handler answers 413). */
function readBody(req: IncomingMessage): Promise<string | null> {
  const limit = maxBodyBytes(req.headers);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Serves transport-neutral handlers (core's graphql/http.ts at /graphql, and others) with Node's http server. */
export async function listen(routes: Route[], port: number): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = routes.find((r) => matches(r.prefix, url.pathname));
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" }).end(NOT_FOUND);
      return;
    }
    try {
      const body = req.method === "POST" ? await readBody(req) : undefined;
      const response = await route.handle({ method: req.method ?? "GET", headers: req.headers, search: url.search, body, path: url.pathname });
      res.writeHead(response.status, response.headers).end(response.body);
    } catch (error) {
      console.error(`poet: ${req.method} ${url.pathname} failed:`, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(FAILED);
    }
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${bound}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))).then(() => server.closeAllConnections()),
  };
}
