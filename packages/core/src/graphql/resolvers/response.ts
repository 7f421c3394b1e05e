import { badInput } from "../../errors/index.ts";
import type { ImportError } from "../../response/index.ts";
import {
  createImportJob,
  dictionaryCsv,
  errorsCsv,
  findImportJob,
  findResponse,
  importResponses,
  importTemplate,
  listResponses,
  submitResponses,
  withdrawResponses,
} from "../../response/index.ts";
import type {
  AnswerResolvers,
  ImportJobResolvers,
  ImportResultResolvers,
  ImportTemplateResolvers,
  MutationResolvers,
  QueryResolvers,
  ResponseResolvers,
} from "../generated/resolvers.ts";

/** The largest file `importResponses` takes; bigger files go through `poet import` or an upload (`createImport`). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/**
 * The most rows `importResponses` checks in one request: a 5 MB file of whole ADULT_PB rows is
 * about 15,000, and 25,000 take about 2.5 s (about 10,000 rows a second), well within the API
 * function's 15 s. A file of more, however small its rows, is refused before a row is checked.
 */
export const MAX_IMPORT_ROWS = 25_000;

export const Response: ResponseResolvers = {
  questionSet: async (r, _, ctx) => (await ctx.loaders.questionSet.setById.load(r.questionSetId))!,
  area: async (r, _, ctx) => (await ctx.loaders.area.byCode.load(r.areaCode))!,
  answers: (r, _, ctx) => (r.withdrawnAt ? [] : ctx.loaders.response.answersOf.load(r.id)),
  submittedAt: (r) => r.createdAt,
};

export const Answer: AnswerResolvers = {
  option: (a) => (a.multiple ? null : a.options[0]!),
};

const responses: NonNullable<QueryResolvers["responses"]> = async (_, args, ctx) => listResponses(await ctx.scope(), args);

const response: NonNullable<QueryResolvers["response"]> = async (_, { externalRef }, ctx) => findResponse(await ctx.scope(), externalRef);

const template: NonNullable<QueryResolvers["importTemplate"]> = async (_, args, ctx) => importTemplate(await ctx.scope(), args.questionSet, args.version);

export const ImportTemplate: ImportTemplateResolvers = { dictionaryCsv: (t) => dictionaryCsv(t) };

export const ImportResult: ImportResultResolvers = { errorsCsv: (r) => errorsCsv(r.errors) };

export const ImportJob: ImportJobResolvers = {
  result: (j) =>
    j.rows === null
      ? null
      : {
          rows: j.rows,
          created: j.created ?? 0,
          unchanged: j.unchanged ?? 0,
          replaced: j.replaced ?? 0,
          rejected: j.rejected ?? 0,
          written: j.written ?? false,
          errors: (j.errors as ImportError[] | null) ?? [],
        },
};

const importJob: NonNullable<QueryResolvers["importJob"]> = async (_, { id }, ctx) => findImportJob(await ctx.scope(), id);

export const responseQueries = { responses, response, importTemplate: template, importJob };

export const responseMutations: MutationResolvers = {
  submitResponses: async (_, { input }, ctx) => submitResponses(await ctx.scope(), input),
  withdrawResponses: async (_, { externalRefs }, ctx) => withdrawResponses(await ctx.scope(), externalRefs),
  createImport: async (_, args, ctx) => createImportJob(await ctx.scope(), args, ctx.services.uploads),
  importResponses: async (_, args, ctx) => {
    // Measured, not copied: the text goes to the import as it is, with no round trip through bytes.
    if (Buffer.byteLength(args.csv, "utf8") > MAX_IMPORT_BYTES)
      throw badInput(`The file is larger than 5 MB: import it with \`poet import\`, or through an upload (\`createImport\`)`, "csv");
    return importResponses(await ctx.scope(), args.csv, {
      questionSet: args.questionSet,
      dryRun: args.dryRun,
      acceptValid: args.acceptValid,
      maxRows: MAX_IMPORT_ROWS,
    });
  },
};
