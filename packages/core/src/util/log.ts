import pino, { type Logger } from "pino";

export type { Logger } from "pino";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** Structured JSON lines on stdout (CloudWatch reads them as they are); `silent` in tests. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: "poet-api" }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

export const silentLogger: Logger = pino({ level: "silent" });
