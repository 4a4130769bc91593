import { extract } from './extract';
import type { Extraction } from './types';

/** One line of the `extract` command's output: an article's quotes and entities, names in place of keys. */
export interface Prediction {
  id: string;
  quotes: {
    text: string;
    start: number;
    end: number;
    kind: string;
    speaker: string | null;
    speakerMention: { start: number; end: number; text: string } | null;
    cue: string | null;
    confidence: number;
  }[];
  entities: { name: string; kind: string; aliases: string[]; mentions: [number, number][] }[];
}

export type ArticleLine = { ok: true; id: string; text: string } | { ok: false; error: string };

/** Reads one JSONL input line: an object with a string `id` and a string `text`. */
export function parseArticleLine(line: string): ArticleLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'expected a JSON object with "id" and "text"' };
  const { id, text } = value as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') return { ok: false, error: '"id" must be a string' };
  if (typeof text !== 'string') return { ok: false, error: '"text" must be a string' };
  return { ok: true, id: String(id), text };
}

export function toPrediction(id: string, extraction: Extraction): Prediction {
  const names = new Map(extraction.entities.map((e) => [e.key, e.name]));
  return {
    id,
    quotes: extraction.quotes.map((q) => ({
      text: q.text,
      start: q.start,
      end: q.end,
      kind: q.kind,
      speaker: q.speakerKey ? (names.get(q.speakerKey) ?? null) : null,
      speakerMention: q.speakerMention,
      cue: q.cue,
      confidence: q.confidence,
    })),
    entities: extraction.entities.map((e) => ({
      name: e.name,
      kind: e.kind,
      aliases: e.aliases,
      mentions: e.mentions.map((m): [number, number] => [m.start, m.end]),
    })),
  };
}

export const predict = (id: string, text: string): Prediction => toPrediction(id, extract(text));
