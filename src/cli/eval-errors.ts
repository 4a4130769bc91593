import { writeFileSync } from 'node:fs';
import {
  type GoldArticle,
  type GoldQuote,
  mentionMatches,
  sameName,
  utf16ToCodePoint,
} from '../ingest/evaluation';
import type { Prediction } from '../ingest/prediction';

/** The parts of a gold article the error listing reads beyond the scored quotes. */
interface GoldArticleDetail extends GoldArticle {
  non_quote_spans?: { start: number; end: number }[];
  reported?: { start: number; end: number; speaker?: string | null; cue?: string | null }[];
  attribution_contents?: [number, number][];
}

type PredictedQuote = Prediction['quotes'][number];

const overlap = (a0: number, a1: number, b0: number, b1: number) =>
  Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Every decision the scorer counts as wrong, one block per error with the text around it, grouped
 * by kind (speaker mention, speaker name, missed quote, scare quote, reported speech missed or
 * outside every attribution): what `--errors FILE` writes, for reading errors, not for scoring.
 */
export function listErrors(
  gold: GoldArticle[],
  predictions: Map<string, Prediction>,
  minCover = 0.3,
): string {
  const groups = new Map<string, string[]>();
  const push = (group: string, entry: string) => {
    const list = groups.get(group) ?? [];
    list.push(entry);
    groups.set(group, list);
  };
  for (const article of gold as GoldArticleDetail[]) {
    const chars = Array.from(article.text);
    const toCodePoint = utf16ToCodePoint(article.text);
    const slice = (s: number, e: number) => chars.slice(Math.max(0, s), Math.max(0, e)).join('');
    const around = (s: number, e: number) =>
      oneLine(`${slice(s - 220, s)} [[${slice(s, e)}]] ${slice(e, e + 160)}`);
    const all = (predictions.get(article.id)?.quotes ?? []).map((q) => ({
      q,
      s: toCodePoint(q.start),
      e: toCodePoint(q.end),
    }));
    const direct = all.filter(({ q }) => q.kind !== 'indirect');
    const used = new Set<PredictedQuote>();
    const describe = (q: PredictedQuote) =>
      `${q.speakerMention ? `"${q.speakerMention.text}"` : 'no mention'} -> ${q.speaker ?? 'nobody'} (conf ${q.confidence}, cue ${q.cue ?? '-'})`;
    for (const g of article.quotes as (GoldQuote & { speaker?: string | null })[]) {
      const length = Math.max(1, g.end - g.start);
      let best: (typeof direct)[number] | null = null;
      let cover = 0;
      for (const p of direct) {
        const c = overlap(p.s, p.e, g.start, g.end) / length;
        if (c > cover) {
          cover = c;
          best = p;
        }
      }
      const head = `${article.id} @${g.start} [${g.speaker_mention_type ?? 'none'}] gold "${g.speaker ?? ''}" = ${g.speaker_name_gold ?? (g.speaker_name_gold === null ? 'nobody' : '?')}`;
      if (!best || cover < minCover) {
        push('missed quote', `${head}\n  ${around(g.start, g.end)}`);
        continue;
      }
      used.add(best.q);
      const q = best.q;
      const m = q.speakerMention;
      const mentionRight = !!m && mentionMatches(g, toCodePoint(m.start), toCodePoint(m.end));
      const from = Math.min(g.start, g.speaker_start ?? g.start);
      const to = Math.max(g.end, g.speaker_end ?? g.end);
      const entry = `${head}\n  predicted ${describe(q)}\n  ${around(from, to)}`;
      if (g.speaker_start != null && !mentionRight)
        push(`speaker mention (${g.speaker_mention_type})`, entry);
      else if (g.speaker_name_gold && !sameName(q.speaker, g.speaker_name_gold))
        push(`speaker name (${g.speaker_mention_type})`, entry);
      else if ('speaker_name_gold' in g && g.speaker_name_gold === null && q.speaker)
        push('indefinite source named', entry);
    }
    for (const { q, s, e } of direct)
      if (!used.has(q) && (article.non_quote_spans ?? []).some((n) => overlap(s, e, n.start, n.end) > 0))
        push('scare quote reported as quote', `${article.id} @${s}\n  ${around(s, e)}`);
    const indirect = all.filter(({ q }) => q.kind === 'indirect');
    const areas = [
      ...(article.attribution_contents ?? []),
      ...article.quotes.map((g): [number, number] => [g.start, g.end]),
    ];
    for (const { q, s, e } of indirect)
      if (!areas.some(([a, b]) => overlap(s, e, a, b) > 0))
        push('reported outside every attribution', `${article.id} @${s} ${describe(q)}\n  ${around(s, e)}`);
    for (const g of article.reported ?? []) {
      const length = Math.max(1, g.end - g.start);
      if (!indirect.some(({ s, e }) => overlap(s, e, g.start, g.end) / length >= minCover))
        push(
          'reported missed',
          `${article.id} @${g.start} gold "${g.speaker ?? ''}" cue ${g.cue ?? '-'}\n  ${around(g.start, g.end)}`,
        );
    }
  }
  return [...groups.entries()]
    .map(([group, entries]) => `## ${group}: ${entries.length}\n\n${entries.join('\n\n')}\n`)
    .join('\n');
}

/** Writes the error listing when the command line asks for it (`--errors FILE`). */
export function writeErrorsIfAsked(argv: string[], gold: GoldArticle[], predictions: Prediction[]): void {
  const at = argv.indexOf('--errors');
  const path = at >= 0 ? argv[at + 1] : undefined;
  if (!path) return;
  writeFileSync(path, listErrors(gold, new Map(predictions.map((p) => [p.id, p]))));
  console.log(`errors: ${path}`);
}
