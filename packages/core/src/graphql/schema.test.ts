import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedDirective, isSpecifiedScalarType } from "graphql";
import { describe, expect, it } from "vitest";
import { createSchema } from "./server.ts";

// The schema's descriptions are the API's documentation: nothing in it goes undescribed.
describe("the schema", () => {
  it("describes every type, field, argument, enum value and directive", () => {
    const schema = createSchema();
    const undescribed: string[] = [];
    const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith("__") && !isSpecifiedScalarType(t));
    for (const type of types) {
      if (!type.description?.trim()) undescribed.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) undescribed.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) if (!arg.description?.trim()) undescribed.push(`${type.name}.${field.name}(${arg.name})`);
        }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description?.trim()) undescribed.push(`${type.name}.${value.name}`);
    }
    for (const directive of schema.getDirectives().filter((d) => !isSpecifiedDirective(d))) {
      if (!directive.description?.trim()) undescribed.push(`@${directive.name}`);
      for (const arg of directive.args) if (!arg.description?.trim()) undescribed.push(`@${directive.name}(${arg.name})`);
    }
    expect(types.length).toBeGreaterThan(50);
    expect(undescribed).toEqual([]);
  });
});
