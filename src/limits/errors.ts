import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin, YogaLogger } from 'graphql-yoga';

/**
 * The codes every error the API returns carries in `extensions.code` (docs/api.md, "Errors").
 * Resolvers throw the first four; the rest are set here or by the query-limits plugin.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COSTLY',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

const isOwnError = (error: GraphQLError) =>
  !error.originalError || error.originalError instanceof GraphQLError;

/**
 * Postgres "data exception" errors (SQLSTATE class 22: a value out of range, a NUL byte, a bad
 * date) can only come from a value the caller sent; they are the caller's to fix, not ours.
 */
function isDataException(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    e =
      (e as { cause?: unknown; originalError?: unknown }).cause ??
      (e as { originalError?: unknown }).originalError;
  }
  return false;
}

export function maskError(error: unknown, message: string): Error {
  if (error instanceof GraphQLError && isOwnError(error)) return withCode(error, 'INTERNAL_SERVER_ERROR');
  const located = error instanceof GraphQLError ? error : undefined;
  const inputFault = isDataException(error);
  const field = located?.path?.filter((p) => typeof p === 'string').at(-1);
  return new GraphQLError(
    inputFault ? `${field ?? 'input'}: a value in the request is out of range or malformed` : message,
    {
      nodes: located?.nodes,
      source: located?.source,
      positions: located?.positions,
      path: located?.path,
      extensions: { code: inputFault ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR' },
    },
  );
}

/** Gives a code to the errors graphql-js makes itself (syntax, validation, variables, non-null). */
export function errorPolicyPlugin(): Plugin {
  const coded = (result: ExecutionResult, code: (e: GraphQLError) => string): ExecutionResult => ({
    ...result,
    errors: result.errors?.map((e) => (isOwnError(e) ? withCode(e, code(e)) : e)),
  });
  return {
    onParse:
      () =>
      ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(withCode(result, 'GRAPHQL_PARSE_FAILED'));
      },
    onValidate:
      () =>
      ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')));
      },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!result || typeof result !== 'object' || !('errors' in result) || !result.errors) return;
        // errors without a path are about the variables; with one, a field broke its contract
        setResult(coded(result, (e) => (e.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT')));
      },
    }),
  };
}

const MAX_LOG_LINE = 600;
const MAX_LOGGED_VALUE = 200;

/** One line per error, bounded: long parameters (article bodies, ID lists) are cut. */
export function summarizeForLog(value: unknown): string {
  const parts: string[] = [];
  for (let e = value, depth = 0; e && depth < 4; depth++) {
    if (e instanceof Error) {
      parts.push(`${e.name}: ${e.message}`);
      e = e.cause ?? (e as { originalError?: unknown }).originalError;
    } else {
      parts.push(String(e));
      break;
    }
  }
  const line = parts
    .join(' <- ')
    .replace(/\s+/g, ' ')
    .replace(
      /[^\s,()[\]"']{${MAX_LOGGED_VALUE},}/g,
      (m) => `${m.slice(0, MAX_LOGGED_VALUE)}…(${m.length} chars)`,
    );
  return line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…(${line.length} chars)` : line;
}

/**
 * yoga logs every masked error; a batch that fails fails every field of it with the same error,
 * so each underlying error is written once, summarized.
 */
export function boundedLogger(write: (line: string) => void = (line) => console.error(line)): YogaLogger {
  const seen = new WeakSet<object>();
  const root = (error: unknown): unknown =>
    error instanceof GraphQLError && error.originalError ? root(error.originalError) : error;
  return {
    debug: () => {},
    info: (...args: unknown[]) => write(args.map(String).join(' ')),
    warn: (...args: unknown[]) => write(args.map((a) => summarizeForLog(a)).join(' ')),
    error: (...args: unknown[]) => {
      const fresh = args.filter((a) => {
        const r = root(a);
        if (typeof r !== 'object' || r === null) return true;
        if (seen.has(r)) return false;
        seen.add(r);
        return true;
      });
      if (fresh.length) write(`error: ${fresh.map((a) => summarizeForLog(root(a))).join(' ')}`);
    },
  };
}
