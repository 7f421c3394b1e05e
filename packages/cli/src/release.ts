import { systemActor } from "@poet/core/actor";
import type { Db } from "@poet/core/db";
import { cutRelease, describeReleases } from "@poet/core/release";
import type { Settings } from "@poet/core/scope";
import { financialYearLabel } from "@poet/core/time";
import { note, print } from "./output.ts";

const years = (list: number[]) => (list.length ? list.map(financialYearLabel).join(", ") : "none");

/** `poet release cut`: publishes the closed years not yet published, and says what the release holds. */
export async function runReleaseCut(db: Db, settings: Settings, options: { name?: string }): Promise<void> {
  const started = Date.now();
  const release = await cutRelease({ db, actor: systemActor("cli"), settings }, { name: options.name ?? null, onProgress: (step) => note(`poet: ${step}…`) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  print(
    `poet: release ${release.name} cut in ${seconds} s: it holds ${years(release.years)}; ` +
      (release.newYears.length
        ? `newly published: ${years(release.newYears)}`
        : "no year was newly published (no year after the newest published had ended, past the publication lag, with responses)"),
  );
}

/** `poet release list`: newest first, one line each. */
export async function runReleaseList(db: Db): Promise<void> {
  const releases = await describeReleases(db);
  if (!releases.length) {
    print("poet: no release has been cut yet (poet release cut cuts one)");
    return;
  }
  for (const r of releases) {
    const sets = r.questionSets.map((s) => `${s.questionSet.code} ${s.responses ?? "<10"}`).join(", ");
    print(`${r.name}${r.latest ? " (latest)" : ""}\tcut ${r.cutAt.toISOString()}\t${years(r.years)}${r.synthetic ? "\tSYNTHETIC" : ""}\t${sets}`);
  }
}
