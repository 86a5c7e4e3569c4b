import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_FIELDS = 2000;

/**
 * Refuses queries deeper than MAX_QUERY_DEPTH or selecting more than
 * MAX_QUERY_FIELDS fields (fragments expanded), before any resolver runs: a
 * dashboard never needs more, and a crafted query must not fan out.
 */
export function queryLimitsRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measure = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; fields: number } => {
    let maxDepth = depth;
    let fields = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        fields += 1;
        if (selection.selectionSet) {
          const inner = measure(selection.selectionSet, depth + 1, seen);
          maxDepth = Math.max(maxDepth, inner.depth);
          fields += inner.fields;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = measure(selection.selectionSet, depth, seen);
        maxDepth = Math.max(maxDepth, inner.depth);
        fields += inner.fields;
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue; // cycles are reported by graphql's own rules
        const inner = measure(fragment.selectionSet, depth, new Set([...seen, name]));
        maxDepth = Math.max(maxDepth, inner.depth);
        fields += inner.fields;
      }
      if (fields > MAX_QUERY_FIELDS) break;
    }
    return { depth: maxDepth, fields };
  };
  return {
    OperationDefinition(node) {
      const { depth, fields } = measure(node.selectionSet, 1, new Set());
      if (depth > MAX_QUERY_DEPTH) {
        context.reportError(
          new GraphQLError(`query is ${depth} levels deep; the limit is ${MAX_QUERY_DEPTH}`, {
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
      if (fields > MAX_QUERY_FIELDS) {
        context.reportError(
          new GraphQLError(`query selects more than ${MAX_QUERY_FIELDS} fields; split it`, {
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
    },
  };
}
