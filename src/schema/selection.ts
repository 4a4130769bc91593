import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the query asks for `path` under the field being resolved (or under `nodes`), through
 * fragments too, so a resolver can start a read its children will want in the same statement as
 * its own. @skip and @include are not looked at: a field skipped by them only costs a read that
 * goes unused.
 */
export function selects(
  info: GraphQLResolveInfo,
  path: readonly string[],
  nodes: readonly FieldNode[] = info.fieldNodes,
): boolean {
  return nodes.some((node) => node.selectionSet && selectsIn(info, node.selectionSet, path, 0));
}

function selectsIn(
  info: GraphQLResolveInfo,
  set: SelectionSetNode,
  path: readonly string[],
  depth: number,
): boolean {
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== path[depth]) return false;
      if (depth === path.length - 1) return true;
      return !!selection.selectionSet && selectsIn(info, selection.selectionSet, path, depth + 1);
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
    return !!fragment && selectsIn(info, fragment.selectionSet, path, depth);
  });
}

/** Whether a connection's nodes (as `nodes` or `edges { node }`) ask for one of `fields`. */
export function selectsOnNodes(
  info: GraphQLResolveInfo,
  fields: readonly string[],
  nodes: readonly FieldNode[] = info.fieldNodes,
): boolean {
  return fields.some(
    (field) => selects(info, ['nodes', field], nodes) || selects(info, ['edges', 'node', field], nodes),
  );
}

/** The fields named `name` just under the field being resolved, through fragments. */
export function childFields(info: GraphQLResolveInfo, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else {
        const fragment =
          selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) visit(node.selectionSet);
  return found;
}

/**
 * A connection's totalCount, started now when the query asks for it (its read then joins the
 * page's statement), else on first call. A failure surfaces where totalCount is resolved.
 */
export function eagerly<T>(wanted: boolean, start: () => Promise<T>): () => Promise<T> {
  if (!wanted) return start;
  const started = start();
  started.catch(() => {});
  return () => started;
}
