import { AsyncLocalStorage } from "node:async_hooks";

// Where a command's lines go: the process's stdout and stderr, or, for a command run through the
// server that owns the data folder, back to the `poet` process that sent it.

export interface Output {
  /** A command's result, on stdout. */
  out(text: string): void;
  /** Progress and messages, on stderr. */
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars draw only there). */
  terminal: boolean;
}

const current = new AsyncLocalStorage<Output>();

// console.log and console.error, so what a command prints reaches a test's spies as before.
const processOutput: Output = {
  out: (text) => (text.endsWith("\n") ? console.log(text.slice(0, -1)) : process.stdout.write(text)),
  err: (text) => (text.endsWith("\n") ? console.error(text.slice(0, -1)) : process.stderr.write(text)),
  get terminal() {
    return Boolean(process.stderr.isTTY);
  },
};

export const output = (): Output => current.getStore() ?? processOutput;

/** Prints a line of a command's result. */
export const print = (line: string): void => output().out(`${line}\n`);

/** Prints a line of progress or a message. */
export const note = (line: string): void => output().err(`${line}\n`);

/** Runs work with its lines sent to `sink`. */
export const withOutput = <T>(sink: Output, work: () => Promise<T>): Promise<T> => current.run(sink, work);
