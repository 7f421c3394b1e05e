/**
 * A Stryker reporter (`live`) that appends each surviving or uncovered mutant to
 * reports/mutation/survivors.txt as it is found, so that a run of hours can be worked on before
 * it ends (Stryker writes its own reports only at the end).
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin";

const FILE = "reports/mutation/survivors.txt";

class LiveReporter {
  onDryRunCompleted() {
    mkdirSync("reports/mutation", { recursive: true });
    writeFileSync(FILE, "");
  }

  onMutantTested(result) {
    if (result.status !== "Survived" && result.status !== "NoCoverage") return;
    const where = `${result.fileName.replace(/.*?packages\//, "packages/")}:${result.location.start.line}:${result.location.start.column}`;
    appendFileSync(FILE, `${where} ${result.status} ${result.mutatorName}: ${JSON.stringify(result.replacement ?? "").slice(0, 100)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "live", LiveReporter)];
