import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Does the query ask, anywhere below the field being resolved, for a field with one of these names
 * (through fragments and inline fragments too)? Lets a resolver skip a read no asked field needs.
 * `directly`: only among the resolved field's own fields (a `metrics` of a nested object does not count).
 */
export function asksForAny(info: GraphQLResolveInfo, names: ReadonlySet<string>, directly = false): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD)
        return names.has(selection.name.value) || (!directly && walk(selection.selectionSet));
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      return walk(info.fragments[name]?.selectionSet);
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}
