import { getDirective, MapperKind, mapSchema } from "@graphql-tools/utils";
import { defaultFieldResolver, type GraphQLSchema } from "graphql";
import { type AccessRole, mayRead } from "../actor/index.ts";
import { PoetError } from "../errors/index.ts";
import type { GraphQLContext } from "./context.ts";

/** The roles a field's `@access` directive allows, or null when it has none. */
export function allowedRoles(schema: GraphQLSchema, field: Parameters<typeof getDirective>[1]): AccessRole[] | null {
  const [directive] = getDirective(schema, field, "access") ?? [];
  return directive ? (directive.allow as AccessRole[]) : null;
}

/**
 * Enforces `@access(allow: …)` wherever the schema declares it: the one place access is decided,
 * before the field's resolver runs. Anonymous callers refused a field are UNAUTHENTICATED (a
 * credential would help); signed-in callers without the role are FORBIDDEN.
 */
export function enforceAccess(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const allowed = allowedRoles(schema, field);
      if (!allowed) return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      const needs = allowed.join(" or ");
      return {
        ...field,
        resolve(source, args, context: GraphQLContext, info) {
          if (!mayRead(context.actor, allowed)) {
            throw context.actor.type === "anonymous"
              ? new PoetError("UNAUTHENTICATED", `${typeName}.${fieldName} needs a credential with the ${needs} role`)
              : new PoetError("FORBIDDEN", `${typeName}.${fieldName} needs the ${needs} role`);
          }
          return resolve(source, args, context, info);
        },
      };
    },
  });
}
