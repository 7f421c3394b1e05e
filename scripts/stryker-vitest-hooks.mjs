/**
 * Stryker's vitest runner, except that a test file whose set-up fails (a `beforeAll` that
 * throws) kills the mutant. The stock runner (9.x) sees the file's tests as skipped, not
 * failed, so a mutant that breaks a test file's set-up (creating its organisations, say)
 * "survives". Used by `npm run test:mutation` (stryker.config.json: testRunner vitest-hooks).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { INSTRUMENTER_CONSTANTS } from "@stryker-mutator/api/core";
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from "@stryker-mutator/api/plugin";
import { DryRunStatus, TestStatus } from "@stryker-mutator/api/test-runner";

const runnerPackage = createRequire(import.meta.url).resolve("@stryker-mutator/vitest-runner/package.json");
const { VitestTestRunner } = await import(pathToFileURL(path.join(path.dirname(runnerPackage), "dist/src/vitest-test-runner.js")).href);

class VitestHooksTestRunner extends VitestTestRunner {
  async run(options) {
    const result = await super.run(options);
    if (result.status !== DryRunStatus.Complete) return result;
    const broken = this.ctx.state
      .getFiles()
      .filter((file) => file.result?.state === "fail" && (file.result.errors?.length ?? 0) > 0)
      .map((file) => ({ file: path.resolve(file.filepath), message: String(file.result.errors[0].message ?? "set-up failed") }));
    if (broken.length === 0 || result.tests.some((t) => t.status === TestStatus.Failed)) return result;
    return {
      ...result,
      tests: [
        ...result.tests,
        ...broken.map(({ file, message }) => ({
          id: `${path.relative(process.cwd(), file)}#(set-up)`,
          name: `${path.basename(file)} set-up`,
          fileName: file,
          timeSpentMs: 0,
          status: TestStatus.Failed,
          failureMessage: `The test file's set-up failed: ${message}`,
        })),
      ],
    };
  }
}

function createRunner(injector) {
  return injector.provideValue("globalNamespace", INSTRUMENTER_CONSTANTS.NAMESPACE).injectClass(VitestHooksTestRunner);
}
createRunner.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, "vitest-hooks", createRunner)];
