import { describe, expect, it } from "vitest";
import { fileName, filePath, MAX_PATH_LENGTH, parseDownloadPath } from "./names.ts";

describe("download names", () => {
  it("are the question set in lower case, its version and the release", () => {
    expect(fileName({ code: "ADULT_PB", version: 1, release: "2026-07" })).toBe("adult_pb-v1-2026-07");
    expect(filePath({ code: "PRACTITIONER_EHCP", version: 2, release: "2026-11-b" }, "datapackage")).toBe(
      "/downloads/practitioner_ehcp-v2-2026-11-b-datapackage.json",
    );
    expect(filePath({ code: "CARER", version: 1 }, "csv.gz")).toBe("/downloads/carer-v1.csv.gz");
    expect(filePath({ code: "PHB" }, "parquet")).toBe("/downloads/phb.parquet");
  });

  it.each([
    ["/downloads/adult_pb-v1-2026-07.csv", { code: "ADULT_PB", version: 1, release: "2026-07" }, "csv"],
    ["/downloads/adult_pb-v1-2026-07.csv.gz", { code: "ADULT_PB", version: 1, release: "2026-07" }, "csv.gz"],
    ["/downloads/cyp_ehcp-v2-2025-07.parquet", { code: "CYP_EHCP", version: 2, release: "2025-07" }, "parquet"],
    ["/downloads/phb-v1-2026-11-b-datapackage.json", { code: "PHB", version: 1, release: "2026-11-b" }, "datapackage"],
    ["/downloads/carer-v1.csv", { code: "CARER", version: 1 }, "csv"],
    ["/downloads/carer.parquet", { code: "CARER" }, "parquet"],
  ])("reads %s back", (path, name, format) => {
    expect(parseDownloadPath(path)).toEqual({ kind: "file", name, format });
    const { kind, ...file } = parseDownloadPath(path) as { kind: "file"; name: typeof name; format: "csv" };
    expect(filePath(file.name as Parameters<typeof filePath>[0], file.format)).toBe(path);
  });

  it("is the index at /downloads and /downloads/", () => {
    expect(parseDownloadPath("/downloads")).toEqual({ kind: "index" });
    expect(parseDownloadPath("/downloads/")).toEqual({ kind: "index" });
  });

  it.each([
    "/downloads/ADULT_PB-v1-2026-07.csv", // one URL per file: lower case only
    "/downloads/adult_pb-v01-2026-07.csv", // no leading zeros
    "/downloads/adult_pb-v1-2026-7.csv", // a release is named yyyy-mm
    "/downloads/adult_pb-v1-2026-07-B.csv",
    "/downloads/adult_pb-2026-07.csv", // a release needs a version
    "/downloads/unknown_set-v1-2026-07.csv",
    "/downloads/adult_pb-v1-2026-07.xlsx",
    "/downloads/adult_pb-v1-2026-07.csv/",
    "/downloads/../graphql",
    "/downloads/..%2f..%2fetc%2fpasswd",
    "/downloads/%2e%2e/adult_pb.csv",
    "/downloads//adult_pb.csv",
    "/downloads/adult_pb-v99999-2026-07.csv",
    "/downloads/adult_pb-v1-2026-07-abcdefghijklmnopq.csv",
    "/downloadsadult_pb.csv",
    "/graphql",
    "",
  ])("knows no file at %j", (path) => {
    expect(parseDownloadPath(path)).toEqual({ kind: "unknown" });
  });

  it.each([
    ["a huge name", `/downloads/${"a".repeat(MAX_PATH_LENGTH)}.csv`],
    ["a control character", "/downloads/adult_pb\u0000.csv"],
    ["a line break", "/downloads/adult_pb.csv\r\nx-injected: 1"],
    ["a space", "/downloads/adult pb.csv"],
    ["non-ASCII", "/downloads/adült_pb.csv"],
  ])("refuses %s as a bad request", (_, path) => {
    expect(parseDownloadPath(path)).toMatchObject({ kind: "bad" });
  });
});
