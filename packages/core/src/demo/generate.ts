/**
 * The deterministic demo data set: synthetic POET responses for every instrument, spread over
 * member councils (and ICBs for personal health budgets) in all nine regions and four financial
 * years (2022-23 to 2025-26): version 1 of each instrument up to 2024-25, whose national results
 * reproduce every published national figure (published_national_figures.csv) to the whole
 * percent at scale 1, and version 2 in 2025-26; both carry the patterns the seed documents describe. Pure: no database, no clock, no Math.random.
 *
 * `scale` multiplies the counts (15,639 responses at scale 1, so scale 64 ≈ 1 million); generation
 * keeps one instrument in memory at a time (one byte per answer) and yields responses one by one.
 */

import type { QuestionSetCode } from "../questionset/index.ts";
import { findDefinition } from "../questionset/index.ts";
import { generateInstrument } from "./engine.ts";
import type { DemoResponse, InstrumentModel } from "./model.ts";

export type { DemoResponse } from "./model.ts";

import { ADULT_PB_MODEL, CARER_MODEL, PHB_MODEL } from "./models-adult.ts";
import { CYP_EHCP_MODEL, PARENT_EHCP_MODEL, PRACTITIONER_EHCP_MODEL } from "./models-ehcp.ts";
import { ADULT_PB_V2_MODEL, CARER_V2_MODEL, PHB_V2_MODEL } from "./models-v2-adult.ts";
import { CYP_EHCP_V2_MODEL, PARENT_EHCP_V2_MODEL, PRACTITIONER_EHCP_V2_MODEL } from "./models-v2-ehcp.ts";

export const DEMO_SEED = 20140701;

/**
 * The versions the demo answers and when: version 1 up to 2024-25 (its national results are
 * the published ones), version 2 from 2025-26.
 */
export const DEMO_VERSIONS: readonly { version: number; years: readonly number[]; models: Record<QuestionSetCode, InstrumentModel> }[] = [
  {
    version: 1,
    years: [2022, 2023, 2024],
    models: {
      ADULT_PB: ADULT_PB_MODEL,
      CARER: CARER_MODEL,
      PHB: PHB_MODEL,
      CYP_EHCP: CYP_EHCP_MODEL,
      PARENT_EHCP: PARENT_EHCP_MODEL,
      PRACTITIONER_EHCP: PRACTITIONER_EHCP_MODEL,
    },
  },
  {
    version: 2,
    years: [2025],
    models: {
      ADULT_PB: ADULT_PB_V2_MODEL,
      CARER: CARER_V2_MODEL,
      PHB: PHB_V2_MODEL,
      CYP_EHCP: CYP_EHCP_V2_MODEL,
      PARENT_EHCP: PARENT_EHCP_V2_MODEL,
      PRACTITIONER_EHCP: PRACTITIONER_EHCP_V2_MODEL,
    },
  },
];

const INSTRUMENTS = Object.keys(DEMO_VERSIONS[0]!.models) as QuestionSetCode[];

/** Responses per instrument and version at scale 1. */
export const DEMO_COUNTS: Record<QuestionSetCode, Record<number, number>> = Object.fromEntries(
  INSTRUMENTS.map((code) => [code, Object.fromEntries(DEMO_VERSIONS.map((v) => [v.version, v.models[code].count]))]),
) as Record<QuestionSetCode, Record<number, number>>;

/** How many responses of a model `scale` asks for. */
function scaledCount(model: InstrumentModel, scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`demo scale must be a positive number, not ${scale}`);
  return Math.max(1, Math.round(model.count * scale));
}

/** Responses of one instrument (every version, in generation order). */
export function* generateDemoInstrument(code: QuestionSetCode, options: { seed?: number; scale?: number } = {}): Iterable<DemoResponse> {
  const { seed = DEMO_SEED, scale = 1 } = options;
  for (const { version, years, models } of DEMO_VERSIONS) {
    const def = findDefinition(code, version);
    if (!def) throw new Error(`no question set ${code} version ${version}`);
    const model = models[code];
    yield* generateInstrument(model, def, seed, scaledCount(model, scale), { years });
  }
}

/** How many responses `generateDemoResponses` yields at `scale`, without generating them. */
export function demoResponseCount(options: { scale?: number } = {}): number {
  const { scale = 1 } = options;
  return INSTRUMENTS.reduce((n, code) => n + DEMO_VERSIONS.reduce((m, { models }) => m + scaledCount(models[code], scale), 0), 0);
}

/** Every instrument's demo responses, one instrument after another. */
export function* generateDemoResponses(options: { seed?: number; scale?: number } = {}): Iterable<DemoResponse> {
  for (const code of INSTRUMENTS) yield* generateDemoInstrument(code, options);
}
