import { describe, expect, it } from "vitest";
import { allowedRoles } from "./access.ts";
import { createSchema } from "./server.ts";

describe("@access", () => {
  it("is declared on every root field, so no field is open by omission", () => {
    const schema = createSchema();
    const roots = [schema.getQueryType()!, schema.getMutationType()!];
    const undeclared = roots.flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => allowedRoles(schema, field) === null)
        .map((field) => `${type.name}.${field.name}`),
    );
    expect(undeclared).toEqual([]);
    const mutations = Object.entries(schema.getMutationType()!.getFields()).map(([name, field]) => [name, allowedRoles(schema, field)]);
    expect(Object.fromEntries(mutations)).toEqual({
      createOrganisation: ["ADMIN"],
      createApiKey: ["ADMIN"],
      revokeApiKey: ["ADMIN"],
      submitResponses: ["MEMBER"],
      withdrawResponses: ["MEMBER"],
      importResponses: ["MEMBER"],
      createImport: ["MEMBER"],
      cutRelease: ["ADMIN"],
    });
  });
});
