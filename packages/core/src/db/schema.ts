export * from "../area/area.sql.ts";
export * from "../figure/figure.sql.ts";
export * from "../organisation/apikey.sql.ts";
export * from "../organisation/organisation.sql.ts";
export * from "../questionset/questionset.sql.ts";
export * from "../release/release.sql.ts";
export * from "../response/import-job.sql.ts";
export * from "../response/response.sql.ts";
