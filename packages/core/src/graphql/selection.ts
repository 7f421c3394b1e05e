import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";

/** Whether the field being resolved selects `name` directly (through fragments too). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    Boolean(
      set?.selections.some((s) =>
        s.kind === Kind.FIELD ? s.name.value === name : visit(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : info.fragments[s.name.value]?.selectionSet),
      ),
    );
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
