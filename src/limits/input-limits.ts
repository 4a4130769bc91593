import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNullableType,
  isInputObjectType,
  isListType,
} from 'graphql';

/** The longest string an argument or input field takes, unless listed in MAX_LENGTH. */
export const DEFAULT_MAX_LENGTH = 1_000;
/** The most items a list argument or input field takes, unless listed in MAX_ITEMS. */
export const DEFAULT_MAX_ITEMS = 100;

// Keyed by schema coordinate: `Type.field(arg:)` for arguments, `InputType.field` for input fields.
export const MAX_LENGTH: Record<string, number> = {
  'Query.search(query:)': 500,
  'QuoteFilter.search': 500,
  'ArticleFilter.search': 500,
  'EntityFilter.name': 200,
  'Query.entity(slug:)': 200,
  'Query.article(slug:)': 200,
  'Query.article(url:)': 2_048,
  'IngestArticleInput.url': 2_048,
  // the parser enforces its own cap in bytes (10 MB) and answers with a userError
  'IngestArticleInput.content': Number.POSITIVE_INFINITY,
  // the service allows 2,000 and answers longer ones with a userError
  'UpdateEntityInput.description': 10_000,
};

export const MAX_ITEMS: Record<string, number> = {
  'Query.nodes(ids:)': 100,
  'ArticleFilter.mentions': 20,
};

export class InputLimitError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function checkValue(coordinate: string, path: string, type: GraphQLInputType, value: unknown): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) {
      checkValue(coordinate, path, nullable.ofType, value);
      return;
    }
    const max = MAX_ITEMS[coordinate] ?? DEFAULT_MAX_ITEMS;
    if (value.length > max) throw new InputLimitError(path, `at most ${max} items (got ${value.length})`);
    value.forEach((item, i) => {
      checkValue(coordinate, `${path}[${i}]`, nullable.ofType, item);
    });
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkValue(`${nullable.name}.${name}`, `${path}.${name}`, field.type, inner);
    }
    return;
  }
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new InputLimitError(path, 'must not contain NUL characters (\\u0000)');
    const max = MAX_LENGTH[coordinate] ?? DEFAULT_MAX_LENGTH;
    if (value.length > max)
      throw new InputLimitError(path, `must be at most ${max} characters (got ${value.length})`);
  }
}

/** Refuses strings and lists over their documented maximum, and NUL characters anywhere. */
export function checkArguments(
  parentType: string,
  field: GraphQLField<unknown, unknown>,
  values: Record<string, unknown>,
): void {
  for (const arg of field.args as readonly GraphQLArgument[]) {
    checkValue(`${parentType}.${field.name}(${arg.name}:)`, arg.name, arg.type, values[arg.name]);
  }
}
