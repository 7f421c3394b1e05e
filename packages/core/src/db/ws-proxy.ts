import type { AddressInfo } from "node:net";
import { createConnection } from "node:net";
import { WebSocketServer } from "ws";

export interface WsProxy {
  /** What `neonConfig.wsProxy` takes: host:port/path, without a protocol. */
  address: string;
  close(): Promise<void>;
}

/**
 * A WebSocket-to-TCP proxy, as Neon runs in front of its Postgres, so that the Neon driver (what
 * the Lambdas use) can reach a plain local PostgreSQL. The driver appends `?address=host:port`.
 * For local development and tests only: it forwards to whatever address it is asked for.
 */
export async function startWsProxy(options: { port?: number; host?: string } = {}): Promise<WsProxy> {
  const host = options.host ?? "127.0.0.1";
  const server = new WebSocketServer({ host, port: options.port ?? 0, path: "/v1" });
  server.on("connection", (socket, request) => {
    const target = new URL(request.url ?? "", "http://proxy").searchParams.get("address") ?? "";
    const [targetHost, targetPort] = target.split(":");
    if (!targetHost || !targetPort) return socket.close(1008, "address=host:port is required");
    const tcp = createConnection({ host: targetHost, port: Number(targetPort) });
    tcp.setNoDelay(true);
    tcp.on("data", (chunk) => socket.send(chunk));
    tcp.on("close", () => socket.close());
    tcp.on("error", () => socket.close());
    socket.on("message", (data) => tcp.write(data as Buffer));
    socket.on("close", () => tcp.destroy());
    socket.on("error", () => tcp.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const { port } = server.address() as AddressInfo;
  return {
    address: `${host}:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
