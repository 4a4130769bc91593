import type { Span } from './types';

/** Text between double quote marks; `start`/`end` exclude the marks. */
export interface QuoteSegment extends Span {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just past the closing mark, or the paragraph end when the quote runs on. */
  close: number;
  closed: boolean;
  paragraph: number;
  /** The paragraph before left a quote open and this one opens with a mark: the same quote goes on. */
  continuesPrevious: boolean;
}

type MarkStyle = 'curly' | 'straight' | 'doubled';

interface Mark {
  at: number;
  length: number;
  style: MarkStyle;
  opening: boolean | null;
}

const MARK = /[“”"„]|''/g;
const TAG = /<[^<>\n]{0,400}>/g;

/** Finds double-quoted spans paragraph by paragraph, skipping markup tags and their attributes. */
export function findQuoteSegments(text: string, paragraphs: Span[]): QuoteSegment[] {
  const masked = text.replace(TAG, (tag) => ' '.repeat(tag.length));
  const segments: QuoteSegment[] = [];
  let previousLeftOpen = false;
  paragraphs.forEach((paragraph, index) => {
    const marks = marksIn(masked, paragraph);
    let openMark: Mark | null = null;
    let leftOpen = false;
    const paragraphSegments: QuoteSegment[] = [];
    const push = (open: Mark, endInner: number, close: number, closed: boolean) => {
      const start = open.at + open.length;
      const inner = text.slice(start, endInner);
      if (!inner.trim()) return;
      paragraphSegments.push({
        start,
        end: endInner,
        open: open.at,
        close,
        closed,
        paragraph: index,
        continuesPrevious: false,
      });
    };
    for (const mark of marks) {
      if (!openMark) {
        if (mark.opening === false) continue;
        openMark = mark;
        continue;
      }
      if (mark.opening === true && mark.style === openMark.style) {
        // a second opening mark of the same style: the first one was never closed
        push(openMark, trimEnd(text, mark.at), mark.at, false);
        openMark = mark;
        continue;
      }
      // a doubled-apostrophe quote closes only with its own mark; straight and curly marks mix in the wild
      if (mark.style !== openMark.style && (mark.style === 'doubled' || openMark.style === 'doubled'))
        continue;
      if (mark.opening === true && mark.style !== openMark.style) continue;
      push(openMark, mark.at, mark.at + mark.length, true);
      openMark = null;
    }
    if (openMark) {
      push(openMark, paragraph.end, paragraph.end, false);
      leftOpen = true;
    }
    const first = paragraphSegments[0];
    if (first && previousLeftOpen && first.open === paragraph.start) first.continuesPrevious = true;
    segments.push(...paragraphSegments);
    previousLeftOpen = leftOpen;
  });
  return segments;
}

function marksIn(masked: string, paragraph: Span): Mark[] {
  const marks: Mark[] = [];
  const body = masked.slice(paragraph.start, paragraph.end);
  MARK.lastIndex = 0;
  for (let m = MARK.exec(body); m; m = MARK.exec(body)) {
    const at = paragraph.start + m.index;
    const before = masked[at - 1] ?? ' ';
    const after = masked[at + m[0].length] ?? ' ';
    if (m[0] === "''") {
      // two apostrophes stand for a double mark only at a word edge ("''Yes,'' he said")
      if (/\p{L}/u.test(before) && /\p{L}/u.test(after)) continue;
      marks.push({ at, length: 2, style: 'doubled', opening: edgeDirection(before, after) });
    } else if (m[0] === '"') {
      marks.push({ at, length: 1, style: 'straight', opening: edgeDirection(before, after) });
    } else if (m[0] === '“' && edgeDirection(before, after) === false) {
      // a left mark typed where a right one belongs (“…,“ said Jane Roe)
      marks.push({ at, length: 1, style: 'curly', opening: null });
    } else {
      marks.push({ at, length: 1, style: 'curly', opening: m[0] !== '”' });
    }
  }
  return marks;
}

/** Whether a symmetric mark opens (space before, word after) or closes; null when the context says neither. */
function edgeDirection(before: string, after: string): boolean | null {
  const spaceBefore = /[\s([{—–-]/u.test(before) || before === '';
  const spaceAfter = /[\s)\]}.,;:!?—–-]/u.test(after) || after === '';
  if (spaceBefore && !spaceAfter) return true;
  if (!spaceBefore && spaceAfter) return false;
  return null;
}

function trimEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1] ?? '')) at--;
  return at;
}
