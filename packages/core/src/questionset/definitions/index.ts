/**
 * Every published question set version, as data. Add a new version as a new object (never edit
 * a published one); questions that ask the same thing keep their codes.
 */
import type { QuestionSetCode, QuestionSetDefinition } from "../types.ts";
import { ADULT_PB_V1 } from "./adult-pb.ts";
import { ADULT_PB_V2 } from "./adult-pb-v2.ts";
import { CARER_V1 } from "./carer.ts";
import { CARER_V2 } from "./carer-v2.ts";
import { CYP_EHCP_V1 } from "./cyp-ehcp.ts";
import { CYP_EHCP_V2 } from "./cyp-ehcp-v2.ts";
import { PARENT_EHCP_V1 } from "./parent-ehcp.ts";
import { PARENT_EHCP_V2 } from "./parent-ehcp-v2.ts";
import { PHB_V1 } from "./phb.ts";
import { PHB_V2 } from "./phb-v2.ts";
import { PRACTITIONER_EHCP_V1 } from "./practitioner-ehcp.ts";
import { PRACTITIONER_EHCP_V2 } from "./practitioner-ehcp-v2.ts";

export {
  ADULT_PB_V1,
  ADULT_PB_V2,
  CARER_V1,
  CARER_V2,
  CYP_EHCP_V1,
  CYP_EHCP_V2,
  PARENT_EHCP_V1,
  PARENT_EHCP_V2,
  PHB_V1,
  PHB_V2,
  PRACTITIONER_EHCP_V1,
  PRACTITIONER_EHCP_V2,
};

export const QUESTION_SET_DEFINITIONS: readonly QuestionSetDefinition[] = [
  ADULT_PB_V1,
  CARER_V1,
  PHB_V1,
  CYP_EHCP_V1,
  PARENT_EHCP_V1,
  PRACTITIONER_EHCP_V1,
  ADULT_PB_V2,
  CARER_V2,
  PHB_V2,
  CYP_EHCP_V2,
  PARENT_EHCP_V2,
  PRACTITIONER_EHCP_V2,
];

/** The definition of `code` at `version`, or its latest version when none is given. */
export function findDefinition(code: QuestionSetCode | string, version?: number): QuestionSetDefinition | undefined {
  const matching = QUESTION_SET_DEFINITIONS.filter((d) => d.code === code);
  if (version !== undefined) return matching.find((d) => d.version === version);
  return matching.reduce<QuestionSetDefinition | undefined>((latest, d) => (!latest || d.version > latest.version ? d : latest), undefined);
}
