export { financialYearLabel, financialYearOf } from "../util/financial-year.ts";
export { errorsCsv, type ImportOptions, type ImportResult, importResponses } from "./import.ts";
export { createResponseLoaders, findResponse, listResponses } from "./read.ts";
export { submitResponses } from "./submit.ts";
export { dictionaryCsv, importTemplate } from "./template.ts";
export { withdrawResponses } from "./withdraw.ts";
