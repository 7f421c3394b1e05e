import type { Resolvers } from "../generated/resolvers.ts";
import { aboutQueries } from "./about.ts";
import { Area, areaQueries } from "./area.ts";
import { figureQueries } from "./figure.ts";
import { Question, QuestionSet, questionSetQueries, Scale, ScaleOption } from "./questionset.ts";

export const resolvers: Resolvers = {
  Query: { ...aboutQueries, ...areaQueries, ...questionSetQueries, ...figureQueries },
  Area,
  QuestionSet,
  Question,
  Scale,
  ScaleOption,
};
