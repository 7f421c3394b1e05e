import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { type HttpRequest, type HttpResponse, maxBodyBytes } from "@poet/core/graphql/http";

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

/** Serves the transport-neutral handler (core's graphql/http.ts) at /graphql with Node's http server. */
export async function listen(handle: (request: HttpRequest) => Promise<HttpResponse>, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/graphql") {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ errors: [{ message: "The API is at /graphql", extensions: { code: "NOT_FOUND" } }] }));
      return;
    }
    const body = req.method === "POST" ? await readBody(req) : undefined;
    const response = await handle({
      method: req.method ?? "GET",
      headers: req.headers,
      search: url.search,
      body,
    });
    res.writeHead(response.status, response.headers).end(response.body);
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${bound}/graphql`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))).then(() => server.closeAllConnections()),
  };
}
