import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentHash, contentJson } from "./submit.ts";

const content = {
  questionSetId: 7,
  areaCode: "E06000001",
  collectedOn: "2025-06-01",
  collectionMode: "ONLINE",
  completedBy: "SELF",
  comment: 'Said "thank you"\nand left – ok',
};
const pairs = (): [number, number][] => [
  [12, 40],
  [3, 9],
  [12, 38],
];

describe("a response's content digest", () => {
  // Stored digests decide UNCHANGED against CONFLICT: the text hashed may never change.
  it("hashes what it always has: the JSON of the content and its sorted (question id, option id) pairs", () => {
    const original = JSON.stringify([
      7,
      "E06000001",
      "2025-06-01",
      "ONLINE",
      "SELF",
      content.comment,
      [
        [3, 9],
        [12, 38],
        [12, 40],
      ],
    ]);
    expect(contentJson(content, pairs())).toBe(original);
    expect(contentJson({ ...content, comment: null }, [])).toBe(JSON.stringify([7, "E06000001", "2025-06-01", "ONLINE", "SELF", null, []]));
    expect(contentHash(content, pairs())).toBe(createHash("sha256").update(original).digest("base64url"));
    expect(contentHash(content, pairs())).toBe("9Zd3HGqs1zgi8bE60ymn-dCMhIP3ec0s8DkzohcqVU0");
  });

  it("does not depend on the order the answers came in", () => {
    expect(contentHash(content, pairs().reverse())).toBe(contentHash(content, pairs()));
  });
});
