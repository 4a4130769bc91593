import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';

/**
 * What a query can cost, measured the way GitHub's GraphQL API documents its node limit: every
 * object the response can hold counts once, a connection multiplies what is below it by its
 * `first`/`last` (literal or variable; the default page size when neither is given), and scalars,
 * `__typename`, connection wrappers, edges and page info count nothing.
 */
export interface QueryAnalysis {
  /** The most objects the response can hold. */
  cost: number;
  /** Nested fields, introspection excluded. */
  depth: number;
  aliases: number;
}

export interface CostModel {
  /** The page size of a connection asked for without first or last. */
  defaultPageSize: number;
  /** The size assumed for a list field that has no size argument (roles, aliases, mentions). */
  unsizedListSize: number;
}

interface Unit {
  cost: number;
  depth: number;
}

const isWrapper = (name: string) =>
  name.endsWith('Connection') || name.endsWith('Edge') || name === 'PageInfo';

export function analyzeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  model: CostModel,
  /** Called with every field's arguments as the resolver will see them; may throw. */
  onArguments?: (
    parentType: string,
    field: GraphQLField<unknown, unknown>,
    args: Record<string, unknown>,
  ) => void,
): QueryAnalysis {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  let aliases = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (!operationName || definition.name?.value === operationName) operation ??= definition;
    }
  }
  countAliases(document, () => aliases++);
  if (!operation) return { cost: 0, depth: 0, aliases };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const variables = coerced.coerced ?? {};
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return { cost: 0, depth: 0, aliases };

  // A fragment's cost is linear in how many times it is reached, so each (fragment, type, page
  // size) is measured once: spreading fragments inside fragments cannot blow the walk up.
  const fragmentUnits = new Map<string, Unit>();
  const inProgress = new Set<string>();

  const argumentsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> => {
    try {
      return getArgumentValues(field, node, variables);
    } catch {
      return {};
    }
  };

  const sizeArgument = (args: Record<string, unknown>): number | undefined => {
    for (const name of ['first', 'last', 'limit']) {
      const value = args[name];
      if (typeof value === 'number') return Math.max(0, value);
    }
    if (Array.isArray(args.ids)) return args.ids.length;
    return undefined;
  };

  // `pageSize` is set inside a connection: its `edges` and `nodes` lists hold that many items.
  function selectionUnit(set: SelectionSetNode, type: GraphQLCompositeType, pageSize?: number): Unit {
    let cost = 0;
    let depth = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        if (!isObjectType(type) && !isInterfaceType(type)) continue;
        const field = type.getFields()[name];
        if (!field) continue;
        const args = argumentsOf(field, selection);
        onArguments?.(type.name, field, args);
        const isList = isListType(getNullableType(field.type));
        const count = isList
          ? pageSize !== undefined && (name === 'edges' || name === 'nodes')
            ? pageSize
            : (sizeArgument(args) ?? model.unsizedListSize)
          : 1;
        const named = getNamedType(field.type);
        let below: Unit = { cost: 0, depth: 0 };
        if (isCompositeType(named) && selection.selectionSet) {
          const innerPage = named.name.endsWith('Connection')
            ? (sizeArgument(args) ?? model.defaultPageSize)
            : undefined;
          below = selectionUnit(selection.selectionSet, named, innerPage);
          cost += count * ((isWrapper(named.name) ? 0 : 1) + below.cost);
        }
        depth = Math.max(depth, 1 + below.depth);
      } else {
        const typeName =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selection.typeCondition?.name.value
            : fragments.get(selection.name.value)?.typeCondition.name.value;
        const condition = typeName ? schema.getType(typeName) : type;
        const inner = condition && isCompositeType(condition) ? condition : type;
        const unit =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selectionUnit(selection.selectionSet, inner, pageSize)
            : fragmentUnit(selection.name.value, inner, pageSize);
        cost += unit.cost;
        depth = Math.max(depth, unit.depth);
      }
    }
    return { cost, depth };
  }

  function fragmentUnit(name: string, type: GraphQLCompositeType, pageSize?: number): Unit {
    const key = `${name}:${type.name}:${pageSize}`;
    const known = fragmentUnits.get(key);
    if (known) return known;
    const fragment = fragments.get(name);
    // validation refuses cycles and unknown fragments; this only keeps the walk finite regardless
    if (!fragment || inProgress.has(key)) return { cost: 0, depth: 0 };
    inProgress.add(key);
    const unit = selectionUnit(fragment.selectionSet, type, pageSize);
    inProgress.delete(key);
    fragmentUnits.set(key, unit);
    return unit;
  }

  const unit = selectionUnit(operation.selectionSet, root);
  return { cost: unit.cost, depth: unit.depth, aliases };
}

function countAliases(document: DocumentNode, onAlias: () => void): void {
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD && selection.alias) onAlias();
      if (selection.kind !== Kind.FRAGMENT_SPREAD) visit(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      visit(definition.selectionSet);
    }
  }
}
