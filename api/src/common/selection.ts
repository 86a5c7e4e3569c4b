import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether any of `sets` asks for a field with one of these names, through fragments and inline
 * fragments too; `directly`: only among the sets' own fields, not below them.
 */
function selects(
  info: GraphQLResolveInfo,
  sets: readonly (SelectionSetNode | undefined)[],
  names: ReadonlySet<string>,
  directly: boolean,
): boolean {
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
  return sets.some(walk);
}

/**
 * Does the query ask, anywhere below the field being resolved, for a field with one of these names
 * (through fragments and inline fragments too)? Lets a resolver skip a read no asked field needs.
 * `directly`: only among the resolved field's own fields (a `metrics` of a nested object does not count).
 */
export function asksForAny(info: GraphQLResolveInfo, names: ReadonlySet<string>, directly = false): boolean {
  return selects(
    info,
    info.fieldNodes.map((node) => node.selectionSet),
    names,
    directly,
  );
}

/**
 * Does the operation being run ask, anywhere (not only below the field being resolved), for a field
 * with one of these names? For a field whose read can serve a sibling's too: it reads the wider rows
 * when a sibling will need them, so the request makes one read, not two.
 */
export function operationAsksForAny(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  return selects(info, [info.operation.selectionSet], names, false);
}
