import { randomUUID } from "node:crypto";
import { ANONYMOUS } from "../actor/index.ts";
import { type DatabaseSource, databaseGetter } from "../db/index.ts";
import { PoetError } from "../errors/index.ts";
import { type FigureSource, figureSource, releaseList } from "../figure/index.ts";
import type { HttpRequest } from "../http/index.ts";
import { etagMatches, etagOf, header, IMMUTABLE } from "../http/index.ts";
import { DEFAULT_SETTINGS, type Settings } from "../scope/index.ts";
import { type Logger, silentLogger } from "../util/log.ts";
import { buildDownload } from "./build.ts";
import { downloadCatalogue } from "./catalogue.ts";
import { type BuiltFile, type DownloadFiles, MEDIA_TYPES } from "./formats.ts";
import { type DownloadFormat, type DownloadName, fileName, filePath, parseDownloadPath } from "./names.ts";
import { downloadPage } from "./page.ts";
import { acceptsGzip, COMMON, type DownloadResponse, errorResponse, MAX_SENT_BYTES, MOVING, NO_STORE, prefersHtml, sentBytes } from "./respond.ts";
import { downloadableSets } from "./table.ts";

export type { DownloadResponse } from "./respond.ts";
export type DownloadRequest = HttpRequest & { path: string };

export interface DownloadHandlerOptions {
  database: DatabaseSource;
  /** Unused today (downloads need no credential); taken so every handler is built alike. */
  settings?: Settings;
  logger?: Logger;
  /** How many question-set versions' files are kept (a release's files never change). */
  cacheSize?: number;
  /** Builds the files; tests count the builds through it. */
  build?: (source: FigureSource, name: Required<DownloadName>) => Promise<DownloadFiles>;
}

/** Serve the built file at its immutable name. A `.csv` goes gzipped to those who accept it. */
function serveFile(files: DownloadFiles, format: DownloadFormat, name: Required<DownloadName>, request: DownloadRequest, requestId: string): DownloadResponse {
  const gzip = format === "csv" && acceptsGzip(header(request, "accept-encoding"));
  const file: BuiltFile = gzip ? files["csv.gz"] : files[format];
  const headers: Record<string, string> = {
    "content-type": MEDIA_TYPES[format],
    "cache-control": IMMUTABLE,
    etag: file.etag,
    ...COMMON,
    "x-request-id": requestId,
    ...(format === "csv" ? { vary: "accept-encoding" } : {}),
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    ...(format === "datapackage" ? {} : { "content-disposition": `attachment; filename="${fileName(name)}.${format}"` }),
  };
  if (etagMatches(header(request, "if-none-match"), file.etag)) return { status: 304, headers, body: "" };
  const binary = format === "parquet" || format === "csv.gz" || gzip;
  if (sentBytes(file.bytes, binary) > MAX_SENT_BYTES) {
    const gz = filePath(name, "csv.gz");
    return errorResponse(
      406,
      "RESPONSE_TOO_LARGE",
      `This file is ${(file.bytes.byteLength / 1024 / 1024).toFixed(1)} MB, more than can be sent uncompressed: ` +
        `ask for it gzipped (Accept-Encoding: gzip, curl --compressed), or download ${gz} or the Parquet file`,
      requestId,
      MOVING,
      { vary: "accept-encoding" },
    );
  }
  const body = binary ? file.bytes : Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString("utf8");
  return { status: 200, headers: { ...headers, "content-length": String(file.bytes.byteLength) }, body };
}

/**
 * Open-data downloads over HTTP, for any transport: `GET /downloads/` lists the latest release's
 * files (as JSON, or as an HTML page to a browser, whose `Accept` prefers `text/html`), and `/downloads/<set>-v<version>-<release>.csv|.csv.gz|.parquet|-datapackage.json`
 * answers each under a name whose bytes never change (a release never does), so a CDN keeps it
 * for a year; an older release's files stay. Names without a release redirect (briefly cached) to
 * the latest release's. Nothing here needs a credential, and nothing is read but published figures.
 */
export function createDownloadHandler(options: DownloadHandlerOptions): (request: DownloadRequest) => Promise<DownloadResponse> {
  const logger = options.logger ?? silentLogger;
  const getDb = databaseGetter(options.database);
  const build = options.build ?? buildDownload;
  const cacheSize = options.cacheSize ?? 6;
  // Least recently used last out; a Map keeps insertion order, so a hit is moved to the end.
  const built = new Map<string, Promise<DownloadFiles>>();
  const filesOf = (source: FigureSource, name: Required<DownloadName>) => {
    const key = `${name.code}|${name.version}|${name.release}`;
    let files = built.get(key);
    if (files) built.delete(key);
    else {
      const attempt = build(source, name);
      attempt.catch(() => built.get(key) === attempt && built.delete(key));
      files = attempt;
    }
    built.set(key, files);
    while (built.size > cacheSize) built.delete(built.keys().next().value!);
    return files;
  };
  // Each file's size, for the HTML index: by release (whose files never change), built one set at a time.
  const sizes = new Map<string, Promise<Map<string, number>>>();
  const sizesOf = (source: FigureSource, release: string, sets: { code: DownloadName["code"]; version: number }[]) => {
    let found = sizes.get(release);
    if (!found) {
      found = (async () => {
        const bytes = new Map<string, number>();
        for (const set of sets) {
          const files = await filesOf(source, { code: set.code, version: set.version, release });
          for (const format of ["csv", "csv.gz", "parquet", "datapackage"] as const)
            bytes.set(`${set.code}|${set.version}|${format}`, files[format].bytes.byteLength);
        }
        return bytes;
      })();
      found.catch(() => sizes.get(release) === found && sizes.delete(release));
      sizes.set(release, found);
      while (sizes.size > 2) sizes.delete(sizes.keys().next().value!);
    }
    return found;
  };

  return async (request) => {
    const started = performance.now();
    const requestId = request.requestId ?? randomUUID();
    const method = request.method.toUpperCase();
    const log = (response: DownloadResponse) => {
      if (method === "HEAD") response.body = "";
      logger.info(
        { requestId, method, path: request.path.slice(0, 200), status: response.status, durationMs: Math.round(performance.now() - started) },
        "download",
      );
      return response;
    };
    if (method !== "GET" && method !== "HEAD") {
      const message = `${method.slice(0, 10)} is not supported: downloads are read with GET or HEAD`;
      return log(errorResponse(405, "METHOD_NOT_ALLOWED", message, requestId, NO_STORE, { allow: "GET, HEAD" }));
    }
    const parsed = parseDownloadPath(request.path);
    if (parsed.kind === "bad") return log(errorResponse(400, "BAD_REQUEST", parsed.reason, requestId, NO_STORE));
    if (parsed.kind === "unknown") return log(notFound(requestId));
    try {
      const database = await getDb();
      const scope = { db: database, actor: ANONYMOUS, settings: options.settings ?? DEFAULT_SETTINGS };
      const releases = await releaseList(database);
      const latest = releases[0];
      // Nothing is published before the first release: nothing to list or send, and nothing to cache.
      if (!latest) return log(notFound(requestId, NO_STORE, "No release has been cut yet: downloads are a release's published figures"));
      const asked = parsed.kind === "file" && parsed.name.release != null ? releases.find((r) => r.name === parsed.name.release) : latest;
      // A release not cut yet may be cut later: no redirect, and nothing cached.
      if (!asked) return log(notFound(requestId, NO_STORE));
      const source = await figureSource(scope, asked.name);
      const sets = downloadableSets(source.ref);
      if (parsed.kind === "index") {
        // Two representations of one resource: a page for a browser, the JSON catalogue for a program.
        const catalogue = downloadCatalogue(
          source.ref,
          sets,
          latest.name,
          releases.map((r) => r.name),
        );
        const html = prefersHtml(header(request, "accept"));
        let body: string;
        if (html) {
          const bytes = await sizesOf(source, asked.name, sets);
          body = downloadPage(catalogue, (code, version, format) => bytes.get(`${code}|${version}|${format}`));
        } else body = JSON.stringify(catalogue, null, 2) + "\n";
        const etag = etagOf(body);
        const headers = {
          "content-type": html ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
          "cache-control": MOVING,
          etag,
          vary: "accept",
          ...COMMON,
          ...(html ? { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" } : {}),
          "x-request-id": requestId,
        };
        if (etagMatches(header(request, "if-none-match"), etag)) return log({ status: 304, headers, body: "" });
        return log({ status: 200, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, body });
      }
      const { name, format } = parsed;
      const set = name.version == null ? sets.filter((s) => s.code === name.code).at(-1) : sets.find((s) => s.code === name.code && s.version === name.version);
      if (!set) return log(notFound(requestId));
      const current = { code: name.code, version: set.version, release: asked.name };
      if (name.release != null && name.version != null) return log(serveFile(await filesOf(source, current), format, current, request, requestId));
      // An alias: the latest release's file (its name shows the release).
      const location = filePath(current, format);
      const why = `the latest release's file (${asked.name})`;
      return log({
        status: 307,
        headers: { location, "cache-control": MOVING, "content-type": "application/json; charset=utf-8", ...COMMON, "x-request-id": requestId },
        body: JSON.stringify({ location, message: `${fileName(name)}: ${why} is ${location}` }),
      });
    } catch (error) {
      if (error instanceof PoetError && error.code === "NOT_FOUND") return log(notFound(requestId, NO_STORE));
      logger.error({ requestId, err: error }, "download failed");
      return log(errorResponse(500, "INTERNAL_SERVER_ERROR", "Internal server error", requestId, NO_STORE));
    }
  };
}

function notFound(requestId: string, cache = MOVING, message = "No such download: GET /downloads/ lists the files"): DownloadResponse {
  return errorResponse(404, "NOT_FOUND", message, requestId, cache);
}
