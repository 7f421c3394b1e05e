import type { Resolvers } from "../generated/resolvers.ts";
import { DateTime } from "../scalars.ts";
import { aboutQueries } from "./about.ts";
import { Area, areaQueries } from "./area.ts";
import { figureQueries } from "./figure.ts";
import { Association, Benchmark, Comparison, Funnel, Overdispersion, Period, Trend, TriangulationPair } from "./figure-types.ts";
import { ApiKey, AuditEvent, Organisation, organisationMutations, organisationQueries, Viewer } from "./organisation.ts";
import { Question, QuestionSet, questionSetQueries, Scale, ScaleOption } from "./questionset.ts";
import { Release, ReleaseQuestionSet, releaseMutations, releaseQueries } from "./release.ts";
import { reportQueries } from "./report.ts";
import { Answer, ImportJob, ImportResult, ImportTemplate, Response, responseMutations, responseQueries } from "./response.ts";

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    ...aboutQueries,
    ...areaQueries,
    ...questionSetQueries,
    ...figureQueries,
    ...organisationQueries,
    ...responseQueries,
    ...reportQueries,
    ...releaseQueries,
  },
  Area,
  QuestionSet,
  Question,
  Scale,
  ScaleOption,
  Period,
  Benchmark,
  Comparison,
  Trend,
  Funnel,
  Overdispersion,
  Association,
  TriangulationPair,
  Organisation,
  Viewer,
  ApiKey,
  AuditEvent,
  Response,
  Answer,
  ImportResult,
  ImportTemplate,
  ImportJob,
  Release,
  ReleaseQuestionSet,
  Mutation: { ...organisationMutations, ...responseMutations, ...releaseMutations },
};
