import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DEMONYMS } from '../ingest/lexicon';
import type { EntityKind } from '../ingest/types';

/** One annotated document: its text and its named entities as [start, end) character spans. */
export interface NerDocument {
  source: string;
  text: string;
  entities: [number, number, EntityKind][];
  /**
   * Spans whose words the annotators may have left unmarked (a corpus that marks only some names): the
   * trainer learns nothing from the tagger's guesses there unless they open or continue a marked name.
   */
  unsure?: [number, number][];
}

const UNER_KINDS: Record<string, EntityKind> = { PER: 'person', ORG: 'organization', LOC: 'place' };
const GUM_KINDS: Record<string, EntityKind> = {
  person: 'person',
  organization: 'organization',
  place: 'place',
};

/** Reads the committed training corpus (gzipped JSON lines). */
export function readCorpus(path: string): NerDocument[] {
  const raw = path.endsWith('.gz')
    ? gunzipSync(readFileSync(path)).toString('utf8')
    : readFileSync(path, 'utf8');
  return raw
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as NerDocument);
}

interface Sentence {
  text: string;
  forms: string[];
  rows: string[][];
  comments: string[];
}

function sentences(raw: string): Sentence[] {
  const out: Sentence[] = [];
  for (const block of raw.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter(Boolean);
    const comments = lines.filter((l) => l.startsWith('#'));
    const rows = lines.filter((l) => !l.startsWith('#')).map((l) => l.split('\t'));
    const text = comments.find((c) => c.startsWith('# text = '))?.slice(9);
    const tokens = rows.filter((r) => /^\d+$/.test(r[0] ?? ''));
    if (text === undefined || tokens.length === 0) continue;
    out.push({ text, forms: tokens.map((r) => r[1] ?? ''), rows: tokens, comments });
  }
  return out;
}

/** Character offsets of each form inside the sentence text, or null when they cannot be aligned. */
function align(text: string, forms: string[]): [number, number][] | null {
  const spans: [number, number][] = [];
  let at = 0;
  for (const form of forms) {
    const found = text.indexOf(form, at);
    if (found < 0 || found - at > 3) return null;
    spans.push([found, found + form.length]);
    at = found + form.length;
  }
  return spans;
}

/** Strips a leading "the" from a gold span: names here never include their article. */
function trimArticle(text: string, start: number, end: number): number {
  const m = /^(?:the|The|THE)\s+/.exec(text.slice(start, end));
  return m && start + m[0].length < end ? start + m[0].length : start;
}

/**
 * Universal NER IOB2 (columns: id, form, tag): one document per `# newdoc`, sentences joined by a
 * space. OTH (demonyms, events, works, …) is not an entity here.
 */
export function readUner(raw: string, source: string): NerDocument[] {
  const docs: NerDocument[] = [];
  let current: NerDocument | null = null;
  for (const s of sentences(raw)) {
    const newdoc = s.comments.find((c) => c.startsWith('# newdoc id = '));
    if (!current || newdoc) {
      current = { source: `${source}:${newdoc?.slice(14) ?? docs.length}`, text: '', entities: [] };
      docs.push(current);
    }
    const spans = align(s.text, s.forms);
    if (!spans) continue;
    const base = current.text.length === 0 ? 0 : current.text.length + 1;
    current.text = current.text.length === 0 ? s.text : `${current.text} ${s.text}`;
    let open: { start: number; end: number; kind: EntityKind } | null = null;
    const close = () => {
      if (open && current)
        current.entities.push([trimArticle(current.text, open.start, open.end), open.end, open.kind]);
      open = null;
    };
    s.rows.forEach((row, i) => {
      const tag = row[2] ?? 'O';
      const span = spans[i];
      if (!span) return;
      const [bio, type] = tag.split('-') as [string, string | undefined];
      const kind = type ? UNER_KINDS[type] : undefined;
      if (bio === 'I' && open && kind === open.kind) {
        open.end = base + span[1];
        return;
      }
      close();
      if ((bio === 'B' || bio === 'I') && kind) open = { start: base + span[0], end: base + span[1], kind };
    });
    close();
  }
  return docs.filter((d) => d.text.length > 0);
}

interface GumMention {
  kind: string;
  first: number;
  last: number;
}

/** Words that open a title before a name in GUM's person mentions ("Administrator Charles Bolden"). */
const TITLE_WORDS = new Set(
  'president senator governor mayor minister prime secretary administrator director chairman ceo general colonel captain judge justice sir mr mrs ms dr professor prof king queen prince princess pope saint st lord lady dame rev reverend father bishop cardinal commissioner ambassador chancellor sheikh shaikh'.split(
    ' ',
  ),
);
const INNER_CONNECTORS = new Set(['of', 'for', 'and', '&', 'de', 'the', '-', 'on', 'du', 'la']);

/**
 * A GUM document (CoNLL-U with `Entity=` coreference brackets) → named entities. GUM marks every
 * mention, named or not; a mention counts as a named entity when its syntactic head is a proper
 * noun, and the entity is the proper-noun run around that head (titles before a person's name, the
 * article, appositions and relative clauses left out).
 */
export function readGum(raw: string, source: string): NerDocument {
  const doc: NerDocument = { source, text: '', entities: [] };
  for (const s of sentences(raw)) {
    const spans = align(s.text, s.forms);
    if (!spans) continue;
    const newpar = s.comments.some((c) => c.startsWith('# newpar'));
    const sep = doc.text.length === 0 ? '' : newpar ? '\n' : ' ';
    const base = doc.text.length + sep.length;
    doc.text += sep + s.text;
    const mentions: GumMention[] = [];
    const open = new Map<string, GumMention>();
    s.rows.forEach((row, i) => {
      const entity = /(?:^|\|)Entity=([^|]*)/.exec(row[9] ?? '')?.[1];
      if (!entity) return;
      const re = /\((\d+)-([a-z]+)[^()]*?(\))?(?=\(|$|\d+\))|(\d+)\)/g;
      for (let m = re.exec(entity); m; m = re.exec(entity)) {
        if (m[1] && m[2]) {
          const mention = { kind: m[2], first: i, last: i };
          if (m[3]) mentions.push(mention);
          else open.set(m[1], mention);
        } else if (m[4]) {
          const mention = open.get(m[4]);
          if (mention) {
            mention.last = i;
            mentions.push(mention);
            open.delete(m[4]);
          }
        }
      }
    });
    const xpos = s.rows.map((r) => r[4] ?? '');
    const heads = s.rows.map((r) => Number(r[6]) - 1);
    const capital = s.forms.map((f) => /^\p{Lu}/u.test(f) && !/^(?:The|A|An|This|That|These|Those)$/.test(f));
    const taken = new Array<boolean>(s.rows.length).fill(false);
    // outer mentions first, so that "University of California" wins over the "California" inside it
    mentions.sort((a, b) => b.last - b.first - (a.last - a.first));
    const found: [number, number, EntityKind][] = [];
    for (const mention of mentions) {
      const kind = GUM_KINDS[mention.kind];
      if (!kind) continue;
      let head = -1;
      for (let i = mention.first; i <= mention.last; i++) {
        const h = heads[i] ?? -1;
        if (h < mention.first || h > mention.last) {
          head = i;
          break;
        }
      }
      // a plural name of people ("Afghans", "the Bernoullis") is a group, not a named person
      if (head < 0 || !xpos[head]?.startsWith('NNP') || !capital[head]) continue;
      if (kind === 'person' && xpos[head] === 'NNPS') continue;
      const isTitle = (i: number) => TITLE_WORDS.has((s.forms[i] ?? '').toLowerCase().replace(/\.$/, ''));
      const inner = (i: number) =>
        kind !== 'person' && INNER_CONNECTORS.has((s.forms[i] ?? '').toLowerCase());
      const inRun = (i: number) => {
        const h = heads[i] ?? -1;
        return h >= first && h <= last;
      };
      // a person's name leaves out a mention nested before it ("the United States" in "Ambassador to the United States Ann Roe")
      const nested = (i: number) =>
        kind === 'person' &&
        mentions.some(
          (m) => m !== mention && m.first <= i && i <= m.last && (head < m.first || head > m.last),
        );
      let first = head;
      let last = head;
      for (;;) {
        const prev = first - 1;
        if (
          prev < mention.first ||
          !capital[prev] ||
          !inRun(prev) ||
          nested(prev) ||
          (kind === 'person' && isTitle(prev))
        )
          break;
        first = prev;
      }
      for (;;) {
        const next = last + 1;
        if (next > mention.last) break;
        if ((capital[next] || (xpos[next] === 'CD' && capital[last])) && inRun(next) && !nested(next)) {
          last = next;
          continue;
        }
        if (inner(next) && next + 1 <= mention.last && capital[next + 1] && inRun(next + 1)) {
          last = next + 1;
          continue;
        }
        break;
      }
      if (kind === 'person') {
        let titleOnly = true;
        for (let i = first; i <= last; i++) if (!isTitle(i)) titleOnly = false;
        if (titleOnly) continue;
      }
      let clash = false;
      for (let i = first; i <= last; i++) if (taken[i]) clash = true;
      if (clash) continue;
      for (let i = first; i <= last; i++) taken[i] = true;
      const a = spans[first];
      const b = spans[last];
      if (a && b) found.push([base + a[0], base + b[1], kind]);
    }
    found.sort((x, y) => x[0] - y[0]);
    doc.entities.push(...found);
  }
  return doc;
}

/** Tag names of the column corpora (CoNLL-2003, wikigold, BTC, SEC filings, …) mapped to our kinds. */
const COLUMN_KINDS: Record<string, EntityKind> = {
  PER: 'person',
  PERSON: 'person',
  ORG: 'organization',
  ORGANISATION: 'organization',
  ORGANIZATION: 'organization',
  LOC: 'place',
  LOCATION: 'place',
  GPE: 'place',
  CORPORATION: 'organization',
  GROUP: 'organization',
  // CrossNER's fine types: people by occupation, parties, universities, bands and magazines, countries
  POLITICIAN: 'person',
  WRITER: 'person',
  MUSICALARTIST: 'person',
  SCIENTIST: 'person',
  RESEARCHER: 'person',
  POLITICALPARTY: 'organization',
  UNIVERSITY: 'organization',
  BAND: 'organization',
  MAGAZINE: 'organization',
  COUNTRY: 'place',
};

/**
 * A CoNLL column file (token first, tag last; blank lines between sentences; `-DOCSTART-` between
 * documents), IOB1 or IOB2 → documents whose sentences are lines of text, tokens joined by a space.
 * MISC and every other tag are not entities here. A file without any `-DOCSTART-` is cut into
 * documents of `sentencesPerDoc` sentences. `dropTitles`: a title opening a person's span ("President Obama", as
 * BTC and re3d write them) is left out, as in our names; keep the gold as it is when evaluating.
 */
export function readColumns(
  raw: string,
  source: string,
  { dropTitles = false, sentencesPerDoc = 40 } = {},
): NerDocument[] {
  const docs: NerDocument[] = [];
  let current: NerDocument | null = null;
  let sentences = 0;
  const perDoc = raw.includes('-DOCSTART-') ? Number.POSITIVE_INFINITY : sentencesPerDoc;
  const startDoc = () => {
    current = { source: `${source}:${docs.length}`, text: '', entities: [] };
    docs.push(current);
    sentences = 0;
  };
  for (const block of raw.split(/\r?\n\s*\r?\n/)) {
    const rows = block
      .split(/\r?\n/)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length >= 2 && cols[0] !== '');
    if (rows.length === 0) continue;
    if (rows[0]?.[0] === '-DOCSTART-') {
      startDoc();
      continue;
    }
    if (!current || sentences >= perDoc) startDoc();
    const doc = current as unknown as NerDocument;
    sentences++;
    if (doc.text.length > 0) doc.text += '\n';
    let open: { start: number; end: number; kind: EntityKind } | null = null;
    const close = () => {
      if (open) {
        let start = open.start;
        if (open.kind === 'person' && dropTitles) {
          for (let m = /^(\S+) /.exec(doc.text.slice(start, open.end)); m; ) {
            if (!TITLE_WORDS.has((m[1] as string).toLowerCase().replace(/\.$/, ''))) break;
            start += m[0].length;
            m = /^(\S+) /.exec(doc.text.slice(start, open.end));
          }
        }
        const last = doc.text.slice(start, open.end).toLowerCase().replace(/\.$/, '');
        if (!(dropTitles && open.kind === 'person' && TITLE_WORDS.has(last)))
          doc.entities.push([start, open.end, open.kind]);
      }
      open = null;
    };
    rows.forEach((cols, i) => {
      const form = cols[0] as string;
      const tag = cols[cols.length - 1] as string;
      if (i > 0) doc.text += ' ';
      const start = doc.text.length;
      doc.text += form;
      const end = doc.text.length;
      const dash = tag.indexOf('-');
      const bio = dash < 0 ? tag : tag.slice(0, dash);
      const kind = dash < 0 ? undefined : COLUMN_KINDS[tag.slice(dash + 1).toUpperCase()];
      if (!kind || (bio !== 'B' && bio !== 'I')) {
        close();
        return;
      }
      if (bio === 'I' && open && open.kind === kind) {
        open.end = end;
        return;
      }
      close();
      open = { start, end, kind };
    });
    close();
  }
  return docs.filter((d) => d.text.length > 0);
}

interface DocredMention {
  type: string;
  pos: [number, number];
  sent_id: number;
}

/**
 * (Re-)DocRED documents (JSON: sents as token lists, vertexSet as entities with their mentions): PER,
 * ORG and LOC mentions are names; a LOC mention that is a demonym ("German") is not one here. DocRED
 * leaves some names unmarked ("the Ritz Brothers, Eddie Cantor"), so every capitalized word outside a
 * marked mention of any type is unsure rather than a non-name.
 */
export function readDocred(raw: string, source: string): NerDocument[] {
  const kinds: Record<string, EntityKind> = { PER: 'person', ORG: 'organization', LOC: 'place' };
  const docs = JSON.parse(raw) as { title: string; sents: string[][]; vertexSet: DocredMention[][] }[];
  return docs.map((d, n) => {
    const offsets: [number, number][][] = [];
    let text = '';
    for (const sentence of d.sents) {
      const spans: [number, number][] = [];
      for (const word of sentence) {
        if (text.length > 0) text += ' ';
        spans.push([text.length, text.length + word.length]);
        text += word;
      }
      offsets.push(spans);
    }
    const entities: [number, number, EntityKind][] = [];
    const marked = d.sents.map((s) => new Uint8Array(s.length));
    for (const m of d.vertexSet.flat()) {
      const spans = offsets[m.sent_id];
      const first = spans?.[m.pos[0]];
      const last = spans?.[m.pos[1] - 1];
      if (!first || !last) continue;
      marked[m.sent_id]?.fill(1, m.pos[0], m.pos[1]);
      const kind = kinds[m.type];
      const name = text.slice(first[0], last[1]);
      if (kind && !(kind === 'place' && DEMONYMS.has(name.toLowerCase())))
        entities.push([trimArticle(text, first[0], last[1]), last[1], kind]);
    }
    entities.sort((a, b) => a[0] - b[0]);
    const unsure: [number, number][] = [];
    d.sents.forEach((sentence, s) => {
      sentence.forEach((word, w) => {
        const span = offsets[s]?.[w];
        if (span && !marked[s]?.[w] && /^\p{Lu}/u.test(word)) unsure.push(span);
      });
    });
    return { source: `${source}:${n}`, text, entities, unsure };
  });
}
