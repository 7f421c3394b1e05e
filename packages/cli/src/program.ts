import type { Config } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import type { PeriodInput } from "@poet/core/figure";
import { QUESTION_SET_CODES, type QuestionSetCode } from "@poet/core/questionset";
import { parseInstant } from "@poet/core/time";
import { Command, CommanderError, InvalidArgumentError, Option, type OutputConfiguration } from "commander";
import { checkReadableFile, checkVersion, questionSetOption } from "./args.ts";
import { withOutput } from "./output.ts";

// The `poet` command's grammar: every command, its options and its help. The work is in the
// modules imported by each action, so `poet --help` and a mistyped flag answer at once.

export interface ProgramContext {
  env: Record<string, string | undefined>;
  /** What the process exits with when the command returns (an import's rejected rows: 1). */
  exitCode: number;
  /** The command line, as given (to run it through the server that owns the data folder). */
  argv: string[];
  /** What relative paths (an import's file, a report's --out) are relative to. */
  cwd: string;
  /** The command being run, e.g. "key create". */
  command?: string;
  /** Set in the server that owns the data folder, running a command sent by another `poet`. */
  owner?: { database: Database; config: Config };
}

const positiveNumber = (value: string): number => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError("It must be a positive number, e.g. 100.");
  return n;
};

const positiveInteger = (value: string): number => {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError("It must be a positive whole number, e.g. 2.");
  return Number(value);
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A GSS code as ONS publishes it (the domain checks it again, with the area's existence). */
const AREA_CODE = /^[EWSN]\d{8}$/;

const areaCodeOf = (value: string): string => {
  if (!AREA_CODE.test(value)) throw new InvalidArgumentError("It must be a GSS code: a capital letter and 8 digits, e.g. E06000001.");
  return value;
};

/** A date or a date-time with its offset, as the API's DateTime arguments take it (admin.ts reads it again). */
const instant = (value: string): string => {
  if (!parseInstant(value)) throw new InvalidArgumentError("It must be an ISO 8601 date, e.g. 2027-03-31, or a date-time with its offset.");
  return value;
};

/** Runs a check of a command's arguments; what it throws is the command's error, before any database work. */
const checked = (self: Command, check: () => void): void => {
  try {
    check();
  } catch (error) {
    self.error(`error: ${(error as Error).message}`);
  }
};

/** "2023-24" or "2023-24:2025-26"; the years themselves are checked by the domain. */
export function parsePeriod(value: string): PeriodInput {
  const match = /^(\d{4}-\d{2})(?::(\d{4}-\d{2}))?$/.exec(value);
  if (!match) throw new InvalidArgumentError("A period is a financial year or two, e.g. 2023-24 or 2023-24:2025-26.");
  return { from: match[1]!, to: match[2] ?? null };
}

/** "key create" for the key command's create. */
const pathOf = (command: Command): string => (command.parent ? `${pathOf(command.parent)} ${command.name()}` : command.name());

const QUESTION_SETS = `${QUESTION_SET_CODES.slice(0, -1).join(", ")} or ${QUESTION_SET_CODES.at(-1)}`;

export function buildProgram(context: ProgramContext, output?: OutputConfiguration): Command {
  const program = new Command("poet");
  if (output) program.configureOutput(output);
  program
    .exitOverride()
    .usage("[command] [options]")
    .description("The POET API on this machine: serve it, set its database up, load and check data, issue keys, write reports.")
    .showHelpAfterError("(poet --help lists the commands)")
    .addHelpText(
      "after",
      "\nWithout a command, poet serves the API at http://localhost:$PORT/graphql.\nConfiguration is read from the environment (see README.md).",
    );

  /** A summary for the list of commands; the description, when longer, for the command's own help. */
  const command = (parent: Command, name: string, summary: string, description = summary) => {
    const sub = parent.command(name).summary(summary).description(description);
    return sub.showHelpAfterError(`(${pathOf(sub)} --help lists its options)`);
  };
  const config = async (): Promise<Config> => (await import("@poet/core/app")).loadConfig(context.env);
  /**
   * Runs work on the configured, set-up database; a number it returns is the exit code. A PGlite
   * folder a server holds is not opened again: the whole command runs through that server.
   */
  const onDatabase = async (work: (database: Database, config: Config) => Promise<unknown>) => {
    let code: unknown;
    if (context.owner) code = await work(context.owner.database, context.owner.config);
    else {
      const [{ throughOwner, withDatabase }, loaded] = await Promise.all([import("./database.ts"), config()]);
      code =
        (await throughOwner(loaded, { argv: context.argv, cwd: context.cwd })) ??
        (await withDatabase(loaded, (database) => work(database, loaded), `poet ${context.command}`));
    }
    if (typeof code === "number") context.exitCode = code;
  };

  command(
    program,
    "serve",
    "serve the API and GraphiQL (the default command)",
    "serve the GraphQL API at http://localhost:$PORT/graphql (GraphiQL for a browser), setting the database up first: on PGlite's first start, with the demo data",
  ).action(async () => {
    if (context.owner) throw new Error("this folder is already served by the process this command was sent to");
    const { startServer } = await import("./commands.ts");
    // Commands sent to this server run here, on its database, as if on the command line.
    const running = await startServer(await config(), (request, sink, owner) =>
      withOutput(sink, () => main(request.argv, { env: context.env, cwd: request.cwd, owner, output: { writeOut: sink.out, writeErr: sink.err } })),
    );
    const stop = () => void running.stop().then(() => process.exit(0));
    process.once("SIGINT", stop).once("SIGTERM", stop);
  });

  command(
    program,
    "setup",
    "migrate, load reference data and question sets",
    "apply the migrations and load the reference data and question sets (safe to repeat)",
  )
    .option("--force", "run every step again, even on a folder already set up with these migrations and this reference data")
    .action((options: { force?: boolean }) =>
      onDatabase(async (database) => {
        if (options.force) await (await import("@poet/core/app")).setupDatabase(database);
        (await import("./output.ts")).print(`poet: ${(await import("./database.ts")).describeDatabase(await config())} is set up`);
      }),
    );

  command(program, "seed", "load the synthetic demo data set", "load the synthetic demo data set (once: again only with --replace)")
    .option("--scale <n>", "make it N times larger (64 is about 1 million responses)", positiveNumber)
    .option("--replace", "delete the demo responses already loaded and load them again")
    .action((options: { scale?: number; replace?: boolean }) => onDatabase(async (database) => (await import("./commands.ts")).seed(database, options)));

  command(
    program,
    "verify",
    "recount every figure cube; exit 1 on a difference",
    "recount every figure cube from the stored responses and list any cell that differs (exit 1 when one does)",
  ).action(() => onDatabase(async (database) => (await import("./commands.ts")).verify(database)));

  const importCommand = command(
    program,
    "import",
    "import a CSV file of responses",
    "import a CSV file of responses: all or nothing unless --accept-valid; exits 0 when the file was written whole, 1 when rows were rejected, 2 when it cannot be read",
  )
    .argument("<file>", "the CSV file (comma or semicolon separated, UTF-8 or Windows-1252)")
    .requiredOption("--organisation <slug>", "the organisation whose responses these are")
    .option("--question-set <code>", `the instrument, when the file does not say (${QUESTION_SETS})`, questionSetOption)
    .option("--dry-run", "check the whole file and write nothing")
    .option("--accept-valid", "write the valid rows and report the rejected ones")
    .addOption(new Option("--encoding <encoding>", "the file's encoding, when it is not detected").choices(["utf-8", "windows-1252"]))
    .action(async (file: string, options) => {
      await checkReadableFile(file, context.cwd);
      return onDatabase(async (database) => (await import("./data.ts")).runImport(database.db, file, { ...options, cwd: context.cwd }));
    });
  // A missing file is a file that cannot be read: exit 2, as for one that does not exist.
  importCommand.exitOverride((error) => {
    throw error.code === "commander.missingArgument" ? new CommanderError(2, error.code, error.message) : error;
  });

  command(
    program,
    "template",
    "a question set's CSV template or data dictionary",
    "print the CSV import template of a question set (a header and an example row), or its data dictionary",
  )
    .requiredOption("--question-set <code>", QUESTION_SETS, questionSetOption)
    .option("--version <n>", "the question set's version (default: the latest)", positiveInteger)
    .option("--dictionary", "print the data dictionary instead: every column, its allowed option codes and labels")
    .action((options: { questionSet: QuestionSetCode; version?: number }, self: Command) => {
      checked(self, () => checkVersion(options.questionSet, options.version));
      return onDatabase(async (database) => (await import("./data.ts")).runTemplate(database.db, options));
    });

  command(
    program,
    "report",
    "write local reports (HTML, and PDF)",
    "write one area's local report (HTML, and PDF with --pdf), or with --all every eligible area's",
  )
    .addOption(new Option("--area <code>", "the area's GSS code, e.g. E10000024").conflicts("all"))
    .addOption(new Option("--question-set <code>", `the instrument (${QUESTION_SETS})`).conflicts("all").argParser(questionSetOption))
    .option("--all", "every area and instrument eligible for a report, with a progress bar")
    .option(
      "--period <years>",
      "a financial year or a run of them, e.g. 2023-24 or 2023-24:2025-26 (default: every financial year the release holds responses to the instrument in)",
      parsePeriod,
    )
    .option("--release <name>", "the release to read (default: the latest; see poet release list)")
    .option("--out <path>", "the HTML file to write (default: reports/<slug>.html), or with --all the folder (default: reports)")
    .option("--pdf", "also print each report as <slug>.pdf with a headless Chromium (POET_CHROMIUM, or /usr/bin/chromium)")
    .action((options, self: Command) => {
      if (!options.all && !(options.area && options.questionSet)) self.error("error: report needs --area CODE and --question-set CODE, or --all");
      if (options.area && !AREA_CODE.test(options.area))
        self.error(
          `error: option '--area <code>' argument '${options.area}' is invalid. It must be a GSS code: a capital letter and 8 digits, e.g. E10000024.`,
        );
      return onDatabase(async (database, loaded) => {
        // The local demo, as `serve` has it: on PGlite, the demo data is loaded on first use.
        if (loaded.database.driver === "pglite") await (await import("./commands.ts")).seed(database, {});
        return (await import("./report.ts")).runReport(database.db, loaded.settings, { ...options, cwd: context.cwd });
      });
    });

  const release = command(program, "release", "cut and list releases (what everyone but a response's owner reads)");
  command(
    release,
    "cut",
    "cut a release: publish every financial year that has closed, and hold it with those published before",
    "cut a release now: every financial year that has ended (and is past POET_RELEASE_LAG_MONTHS), holds responses and is not yet published is frozen from the responses as they stand; a published year is final",
  )
    .option("--name <name>", "its name, yyyy-mm with an optional suffix (default: this month, e.g. 2026-12)")
    .action(async (options: { name?: string }, self: Command) => {
      const { RELEASE_NAME_PATTERN } = await import("@poet/core/release");
      if (options.name !== undefined && !new RegExp(`^${RELEASE_NAME_PATTERN}$`).test(options.name))
        self.error(
          `error: option '--name <name>' argument '${options.name}' is invalid. It must be yyyy-mm with an optional lower-case suffix, e.g. 2026-12 or 2026-12-b.`,
        );
      return onDatabase(async (database, loaded) => (await import("./release.ts")).runReleaseCut(database.db, loaded.settings, options));
    });
  command(release, "list", "list the releases, newest first, with the years and responses each holds").action(() =>
    onDatabase(async (database) => (await import("./release.ts")).runReleaseList(database.db)),
  );

  command(program, "organisation", "add an organisation, with the areas it covers")
    .requiredOption("--slug <slug>", "its short name, e.g. hartlepool")
    .requiredOption("--name <name>", 'its full name, e.g. "Hartlepool Borough Council"')
    .addOption(
      new Option("--type <type>", "COUNCIL, HEALTH_BODY, RESEARCH or ADMINISTRATOR")
        .choices(["COUNCIL", "HEALTH_BODY", "RESEARCH", "ADMINISTRATOR"])
        .makeOptionMandatory(),
    )
    .option("--area <code>", "an area it covers, by GSS code (repeat for each)", (value: string, previous?: string[]) => collect(areaCodeOf(value), previous))
    .action((options) => onDatabase(async (database) => (await import("./admin.ts")).runAdminCommand(database.db, "organisation", [], options)));

  const key = command(program, "key", "issue, revoke and list API keys");
  const admin = async (database: Database, args: string[], options: object) => (await import("./admin.ts")).runAdminCommand(database.db, "key", args, options);
  command(key, "create", "issue an API key; the key alone is on the last line, shown once")
    .requiredOption("--organisation <slug>", "the organisation it belongs to")
    .addOption(
      new Option("--role <role>", "MEMBER, RESEARCHER or ADMIN (default: what the organisation's kind allows)").choices(["MEMBER", "RESEARCHER", "ADMIN"]),
    )
    .option("--name <text>", "what the key is for")
    .addOption(new Option("--label <text>").hideHelp())
    .option("--expires <date>", "when it stops working, e.g. 2027-03-31 (default: never)", instant)
    .action((options) => onDatabase((database) => admin(database, ["create"], options)));
  command(key, "revoke", "revoke a key at once")
    .argument("[prefix]", "the key's prefix (or --prefix)")
    .option("--prefix <prefix>", "the key's prefix, e.g. poet_AbCd1234")
    .action((prefix: string | undefined, options: { prefix?: string }, self: Command) => {
      if (!prefix && !options.prefix) self.error("error: key revoke needs --prefix poet_XXXXXXXX");
      return onDatabase((database) => admin(database, ["revoke", prefix ?? ""], options));
    });
  command(key, "list", "list keys with their roles, state and last use (never their secrets)")
    .option("--organisation <slug>", "only this organisation's")
    .action((options) => onDatabase((database) => admin(database, ["list"], options)));

  return program;
}

/** Parses and runs a command line; returns the exit code (errors are written to stderr). */
export async function main(
  argv: string[],
  options: { env?: ProgramContext["env"]; output?: OutputConfiguration; cwd?: string; owner?: ProgramContext["owner"] } = {},
): Promise<number> {
  const context: ProgramContext = { env: options.env ?? process.env, exitCode: 0, argv, cwd: options.cwd ?? process.cwd(), owner: options.owner };
  const program = buildProgram(context, options.output);
  let current = "poet";
  program.hook("preAction", (_program, action) => {
    current = pathOf(action);
    context.command = current.replace(/^poet /, "");
  });
  try {
    await program.parseAsync(argv.length ? argv : ["serve"], { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const writeErr = options.output?.writeErr ?? ((text: string) => void process.stderr.write(text));
    writeErr(`${current}: ${error instanceof Error ? error.message : String(error)}\n`);
    return (error as { exitCode?: number }).exitCode ?? 1;
  }
}
