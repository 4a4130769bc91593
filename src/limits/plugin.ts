import { createHash } from 'node:crypto';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  Lexer,
  parse,
  Source,
  TokenKind,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';
import { checkArguments, InputLimitError } from './input-limits';
import { analyzeOperation, type CostModel, type QueryAnalysis } from './query-cost';
import type { RateLimiter, RateLimitState } from './rate-limit';

export interface QueryLimits {
  maxDepth: number;
  /** The most objects a response may hold (see query-cost.ts). */
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  model: CostModel;
  rateLimiter: RateLimiter;
}

/** What a request was charged; resolvers (Query.rateLimit) and the response extensions read it. */
export interface RequestCost {
  /** The most objects the response can hold. */
  nodes: number;
  rate: RateLimitState;
}

/** Rate points for a request: one per 100 objects it can return, at least one (as GitHub counts). */
export const pointsFor = (nodes: number) => Math.max(1, Math.ceil(nodes / 100));

export function refusal(
  code: string,
  message: string,
  status = 400,
  headers?: Record<string, string>,
  field?: string,
) {
  return new GraphQLError(message, {
    extensions: { code, ...(field && { field }), http: { status, ...(headers && { headers }) } },
  });
}

const MAX_ANALYSES_PER_DOCUMENT = 100;

function countTokens(source: string, cap: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF && count < cap) count++;
  } catch {
    // a syntax error past the limit: the count so far is the figure to report
  }
  return count;
}

function callerKey(context: Context, keyId?: number) {
  if (keyId !== undefined) return `key:${keyId}`;
  const { req } = context as { req?: { socket?: { remoteAddress?: string } } };
  const address = req?.socket?.remoteAddress ?? 'local';
  return `ip:${createHash('sha256').update(address).digest('hex').slice(0, 16)}`;
}

/**
 * Refuses, before anything runs, a query that is too long, too deep, too aliased or too costly, or
 * a caller whose hourly budget is spent; every refusal is a 4xx with a code and the figures.
 */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits): Plugin<Context> {
  // yoga's parser cache gives the same document object for the same query text, and the analysis
  // depends on nothing else but the operation and the variables: measured once, not per request
  const analyses = new WeakMap<DocumentNode, Map<string, QueryAnalysis>>();
  const analyze = (args: ExecutionArgs): QueryAnalysis => {
    const variables = args.variableValues as Record<string, unknown> | undefined;
    const key = `${args.operationName ?? ''}\0${variables ? JSON.stringify(variables) : ''}`;
    let byVariables = analyses.get(args.document);
    const cached = byVariables?.get(key);
    if (cached) return cached;
    const analysis = analyzeOperation(
      schema,
      args.document,
      args.operationName,
      variables,
      limits.model,
      checkArguments,
    );
    if (!byVariables || byVariables.size >= MAX_ANALYSES_PER_DOCUMENT) {
      byVariables = new Map();
      analyses.set(args.document, byVariables);
    }
    byVariables.set(key, analysis);
    return analysis;
  };
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const text = typeof source === 'string' ? source : source.body;
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && /contains more th\w+ \d+ tokens/.test(error.message)) {
            const found = countTokens(text, limits.maxTokens * 10);
            const figure = found >= limits.maxTokens * 10 ? `more than ${found}` : String(found);
            throw refusal(
              'TOO_MANY_TOKENS',
              `The query has ${figure} tokens; the limit is ${limits.maxTokens}.`,
            );
          }
          throw error;
        }
      });
    },
    onExecute: ({ args, setResultAndStopExecution, extendContext }) =>
      check(args, setResultAndStopExecution, extendContext),
    onSubscribe: async ({ args, setResultAndStopExecution, extendContext }) => {
      await check(args, setResultAndStopExecution, extendContext);
    },
  };

  async function check(
    args: ExecutionArgs,
    stop: (result: ExecutionResult) => void,
    extendContext: (extension: Partial<Context>) => void,
  ) {
    const context = args.contextValue as Context;
    let analysis: QueryAnalysis;
    try {
      analysis = analyze(args);
    } catch (error) {
      if (!(error instanceof InputLimitError)) throw error;
      return stop({ errors: [refusal('BAD_USER_INPUT', error.message, 400, undefined, error.field)] });
    }
    const refuse = (error: GraphQLError) => {
      stop({ errors: [error], extensions: { cost: { nodes: analysis.cost } } });
    };
    if (analysis.depth > limits.maxDepth) {
      return refuse(
        refusal(
          'QUERY_TOO_DEEP',
          `The query is ${analysis.depth} levels deep; the limit is ${limits.maxDepth}.`,
        ),
      );
    }
    if (analysis.aliases > limits.maxAliases) {
      return refuse(
        refusal(
          'TOO_MANY_ALIASES',
          `The query has ${analysis.aliases} aliases; the limit is ${limits.maxAliases}.`,
        ),
      );
    }
    if (analysis.cost > limits.maxCost) {
      return refuse(
        refusal(
          'QUERY_TOO_COSTLY',
          `The query can return ${analysis.cost} objects; the limit is ${limits.maxCost}. Ask for smaller pages (first/last) or fewer nested connections.`,
        ),
      );
    }
    const key = context.sentApiKey ? await context.apiKey() : null;
    const rate = await limits.rateLimiter.spend(callerKey(context, key?.id), pointsFor(analysis.cost));
    const cost: RequestCost = { nodes: analysis.cost, rate };
    extendContext({ cost });
    if (rate.limited) {
      const retryAfter = Math.max(1, Math.ceil((rate.resetAt.getTime() - Date.now()) / 1000));
      return refuse(
        refusal(
          'RATE_LIMITED',
          `The hourly budget of ${rate.limit} points is spent (this query costs ${rate.cost}, ${rate.remaining} remain); it renews at ${rate.resetAt.toISOString()}.`,
          429,
          { 'Retry-After': String(retryAfter) },
        ),
      );
    }
    return {
      onExecuteDone({ result, setResult }: { result: unknown; setResult: (r: ExecutionResult) => void }) {
        if (!result || typeof result !== 'object' || !('data' in result || 'errors' in result)) return;
        const single = result as ExecutionResult;
        setResult({ ...single, extensions: { ...single.extensions, cost: costExtension(cost) } });
      },
    };
  }
}

export function costExtension(cost: RequestCost) {
  return {
    nodes: cost.nodes,
    points: cost.rate.cost,
    limit: cost.rate.limit,
    remaining: cost.rate.remaining,
    resetAt: cost.rate.resetAt.toISOString(),
  };
}
