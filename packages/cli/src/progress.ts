import { output } from "./output.ts";

/** What one redraw of a progress bar shows. */
export interface ProgressState {
  label: string;
  done: number;
  total: number;
  elapsedMs: number;
  /** The terminal's width in columns. */
  columns: number;
}

const count = (n: number) => Math.round(n).toLocaleString("en-GB");

/** 75 → "1:15", 4000 → "1:06:40"; null (nothing done yet) → "--:--". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "--:--";
  const s = Math.max(0, Math.round(seconds));
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/** One line: label, bar, percentage, count, rate and ETA, fitted to the terminal's width. */
export function renderProgress({ label, done, total, elapsedMs, columns }: ProgressState): string {
  const shown = Math.min(Math.max(done, 0), total);
  const fraction = total > 0 ? shown / total : 1;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? shown / seconds : 0;
  const eta = shown >= total ? 0 : rate > 0 ? (total - shown) / rate : null;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const perSecond = rate > 0 && rate < 10 ? rate.toFixed(1) : count(rate);
  const tail = ` ${percent} ${count(shown)}/${count(total)} · ${perSecond}/s · ETA ${formatDuration(eta)}`;
  const room = columns - 1 - label.length - tail.length - 3;
  if (room < 10) return `${label}${tail}`.slice(0, Math.max(columns - 1, 0));
  const width = Math.min(room, 40);
  const filled = Math.floor(fraction * width);
  return `${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}]${tail}`;
}

export interface ProgressBar {
  update(done: number, total?: number): void;
  /** Replaces the bar with a line of text, e.g. what follows the counted work. */
  note(text: string): void;
  /** Clears the bar's line, for the summary the command prints next. */
  finish(): void;
}

const SILENT = { isTTY: false } as NodeJS.WriteStream;
const defaultStream = (): NodeJS.WriteStream => (output().terminal ? process.stderr : SILENT);

interface Options {
  label: string;
  total?: number;
  stream?: NodeJS.WriteStream;
  now?: () => number;
  /** At most one redraw per this many milliseconds (the last state is drawn at once). */
  intervalMs?: number;
}

/**
 * A bar redrawn on one line of a terminal (stderr); off a terminal, or in a command run for
 * another `poet` process, it writes nothing.
 */
export function createProgressBar({ label, total = 0, stream = defaultStream(), now = Date.now, intervalMs = 100 }: Options): ProgressBar {
  const started = now();
  let drawn = -Infinity;
  let visible = false;
  const state = { done: 0, total };
  return {
    update(done, newTotal) {
      state.done = done;
      if (newTotal !== undefined) state.total = newTotal;
      if (!stream.isTTY) return;
      const t = now();
      if (t - drawn < intervalMs && done < state.total) return;
      drawn = t;
      visible = true;
      stream.write(`\r${renderProgress({ label, ...state, elapsedMs: t - started, columns: stream.columns || 80 })}\x1b[K`);
    },
    note(text) {
      if (!stream.isTTY) return;
      visible = true;
      stream.write(`\r${text.slice(0, Math.max((stream.columns || 80) - 1, 0))}\x1b[K`);
    },
    finish() {
      if (visible) stream.write("\r\x1b[K");
      visible = false;
    },
  };
}
