import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleParseError, detectFormat, parseArticle, parsePublishedAt } from '../../src/ingest/parse';
import type { ParsedArticle } from '../../src/ingest/types';

const repoPath = (...parts: string[]) => join(process.cwd(), ...parts);
const fixture = (name: string) => readFileSync(repoPath('tests/fixtures/parse', name), 'utf8');
const parseFixture = (name: string) => parseArticle({ content: fixture(name), filename: name });

function paragraphTexts(article: ParsedArticle): string[] {
  return article.paragraphs.map(({ start, end }) => article.body.slice(start, end));
}

function expectConsistentBody(article: ParsedArticle): void {
  expect(paragraphTexts(article).join('\n\n')).toBe(article.body);
  for (const paragraph of paragraphTexts(article)) {
    expect(paragraph).toBe(paragraph.replace(/\s+/g, ' ').trim());
    expect(paragraph).not.toBe('');
  }
}

function parseError(run: () => unknown): ArticleParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ArticleParseError) return error;
    throw error;
  }
  throw new Error('expected an ArticleParseError');
}

describe('parseArticle: the seed article', () => {
  const content = readFileSync(repoPath('tests/fixtures/seed-article.txt'), 'utf8');
  const article = parseArticle({ content, filename: 'seed-article.txt' });
  const paragraphs = paragraphTexts(article);

  it('separates the title, the dek and the byline from the body', () => {
    expect(article.title).toBe('Trump Says He Has Spoken With Putin by Phone About Ending Ukraine War');
    expect(article.subtitle).toBe("The Kremlin said it couldn't confirm or deny Trump's claim");
    expect(article.byline).toBe('Dave DeCamp');
    expect(article.authors).toEqual(['Dave DeCamp']);
    expect(article.language).toBe('en');
    expect(article.url).toBeNull();
    expect(article.publishedAt).toBeNull();
  });

  it('keeps the body from the lede to the author note, caption included', () => {
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs[0]).toMatch(/^President Trump told The New York Post on Friday/);
    expect(paragraphs[3]).toMatch(/^President Trump and President Putin meet at a G20 summit/);
    expect(paragraphs.at(-1)).toBe(
      'Dave DeCamp is the news editor of Antiwar.com, follow him on Twitter @decampdave.',
    );
    expect(article.body).not.toContain('Author: Dave DeCamp');
    expectConsistentBody(article);
  });

  it('keeps every paragraph exactly as written, curly quotes included', () => {
    const sourceParagraphs = content.split('\n\n').map((paragraph) => paragraph.trim());
    for (const paragraph of paragraphs) expect(sourceParagraphs).toContain(paragraph);
    expect(article.body).toContain('“I’d better not say.”');
    expect(article.body).toContain('I can neither confirm nor deny it.”');
  });

  it('reads the example copy the same way', () => {
    const example = readFileSync(repoPath('examples/articles/seed-article.txt'), 'utf8');
    expect(parseArticle({ content: example })).toEqual(article);
  });
});

describe('parseArticle: plain text', () => {
  it('reads a title, dek, two-author byline and wrapped paragraphs', () => {
    const article = parseFixture('text-with-dek.txt');
    expect(article.title).toBe('Harbor Council Delays Vote on New Ferry Pier');
    expect(article.subtitle).toBe('Members want another month to study the cost');
    expect(article.byline).toBe('Ana Ruiz and Kofi Mensah');
    expect(article.authors).toEqual(['Ana Ruiz', 'Kofi Mensah']);
    expect(paragraphTexts(article)).toEqual([
      'The town council on Tuesday postponed a vote on the proposed ferry pier, saying the latest cost estimate had arrived too late for members to read it.',
      '“We owe residents a careful look at these numbers,” council chair Helen Brandt said.',
      'The old pier, seen from the harbor wall in 2019',
      'Opponents said that the project had already been studied for years.',
    ]);
    expectConsistentBody(article);
  });

  it('takes one paragraph per line when there are no blank lines, and keeps a sentence lede in the body', () => {
    const article = parseFixture('text-lede-first.txt');
    expect(article.title).toBe('Library Extends Weekend Hours');
    expect(article.subtitle).toBeNull();
    expect(article.byline).toBe('Lena Holm');
    expect(paragraphTexts(article)).toEqual([
      'The central library will stay open until 8 p.m. on Saturdays starting next month.',
      'Director Sam Okafor said the change followed a survey of readers.',
      '“People asked for evenings, so we listened,” Okafor said.',
    ]);
  });

  it('does not take a quote or a full sentence as the dek', () => {
    const quoted = parseArticle({
      content: 'Title\n\n“We are ready,” she said\n\nMore text.',
      format: 'text',
    });
    expect(quoted.subtitle).toBeNull();
    const sentences = parseArticle({
      content: 'Title\n\nIt rained. Then it stopped\n\nMore text.',
      format: 'text',
    });
    expect(sentences.subtitle).toBeNull();
  });

  it('needs text after a dek before it calls it one', () => {
    const article = parseArticle({ content: 'A Short Title\n\nOnly one paragraph here', format: 'text' });
    expect(article.title).toBe('A Short Title');
    expect(article.subtitle).toBeNull();
    expect(article.body).toBe('Only one paragraph here');
  });

  it('leaves a one-paragraph text without a title', () => {
    const article = parseArticle({ content: 'Just one sentence of news.', format: 'text' });
    expect(article.title).toBeNull();
    expect(article.body).toBe('Just one sentence of news.');
  });

  it('leaves a sentence starting with "By" in the body', () => {
    const article = parseArticle({
      content: 'Talks Stall\n\nBy Friday, the talks had stalled.\n\nNo one said why.',
      format: 'text',
    });
    expect(article.byline).toBeNull();
    expect(paragraphTexts(article)).toEqual(['By Friday, the talks had stalled.', 'No one said why.']);
  });

  it('reads Windows line endings like Unix ones', () => {
    const unix = parseFixture('text-with-dek.txt');
    const windows = parseArticle({
      content: fixture('text-with-dek.txt').replace(/\n/g, '\r\n'),
      format: 'text',
    });
    expect(windows).toEqual(unix);
  });

  it('uses the caller’s url when the text has none', () => {
    const article = parseArticle({ content: 'Title\n\nBody text.', url: 'https://news.example/a' });
    expect(article.url).toBe('https://news.example/a');
  });
});

describe('parseArticle: Markdown', () => {
  it('reads front matter, the title, a ## dek and plain-text paragraphs', () => {
    const article = parseFixture('markdown-front-matter.md');
    expect(article).toMatchObject({
      title: 'Rail Strike Ends After Overnight Talks',
      subtitle: 'Trains will run normally from Saturday',
      byline: 'Iris Chen and Tom Baker',
      authors: ['Iris Chen', 'Tom Baker'],
      url: 'https://valleyrecord.example/rail-strike-ends',
      outlet: 'The Valley Record',
      publishedAt: new Date('2025-03-14T00:00:00Z'),
      language: 'en-GB',
    });
    expect(paragraphTexts(article)).toEqual([
      'Union leaders and the operator reached a deal at dawn on Friday, ending a three-day strike that had stranded thousands of commuters.',
      '“Nobody got everything they wanted,” union secretary Dana Flores said.',
      'Key terms of the deal:',
      'a pay rise of 4%',
      'a review of night shifts',
      'Flores said that members would vote on the deal next week & expected it to pass.',
    ]);
    expectConsistentBody(article);
  });

  it('reads an italic dek and a bold byline without front matter', () => {
    const article = parseFixture('markdown-plain.md');
    expect(article.title).toBe('Museum Returns Bronze Bowl to Village');
    expect(article.subtitle).toBe('A century after it was taken, the bowl is home');
    expect(article.byline).toBe('Noor Haddad');
    expect(article.authors).toEqual(['Noor Haddad']);
    expect(paragraphTexts(article)).toEqual([
      'The bowl, cast around 1200, was handed over at a ceremony on Sunday. Curator Eli Sandoval called it “a debt repaid.”',
      '“It belongs where it was made,” village elder Rosa Mbeki said.',
    ]);
  });

  it('is recognised without a filename by its heading', () => {
    const article = parseArticle({ content: '# Heading Title\n\nSome *body* text.' });
    expect(article.title).toBe('Heading Title');
    expect(article.body).toBe('Some body text.');
  });
});

describe('parseArticle: HTML', () => {
  it('reads metadata from the head and paragraphs from the article, without page furniture', () => {
    const article = parseArticle({
      content: fixture('html-article.html'),
      filename: 'bridge.html',
      url: 'https://lakesidecourier.example/feed/item/17',
    });
    expect(article).toMatchObject({
      title: 'Bridge Reopens After Repairs',
      subtitle: 'Drivers can cross the river again after six weeks',
      byline: 'Mina Park',
      authors: ['Mina Park'],
      url: 'https://lakesidecourier.example/local/bridge-reopens',
      outlet: 'The Lakeside Courier',
      publishedAt: new Date('2025-02-03T06:00:00Z'),
      language: 'en-US',
    });
    expect(paragraphTexts(article)).toEqual([
      'The Elm Street bridge reopened to traffic on Monday morning, two days earlier than planned, after crews replaced its worn deck joints and repainted the railings.',
      '“The crews worked through the cold snap,” city engineer Paul Dumas said. “They earned the early finish.”',
      '“We have waited long enough,” one commuter wrote to the council.',
      'What changed',
      'New deck joints on both spans',
      'A wider footpath on the north side',
      'Dumas said that the next inspection would take place in the autumn, when the weather allows it.',
    ]);
    expect(article.body).not.toMatch(/Home|Privacy|tracking|Lakeside Courier/);
    expectConsistentBody(article);
  });

  it('falls back to <title> and the page text when there is little metadata', () => {
    const article = parseFixture('html-no-metadata.html');
    expect(article.title).toBe('Orchard Festival Draws Record Crowd');
    expect(article.byline).toBeNull();
    expect(article.publishedAt).toBeNull();
    expect(paragraphTexts(article)).toEqual([
      'More than ten thousand visitors came to the orchard festival on Saturday, organizers said.',
      '“We ran out of cider by noon,” grower Jan Novak said.',
    ]);
  });

  it('reads a fragment without <html> or <body>', () => {
    const article = parseArticle({ content: '<p>First.</p><p>Second <em>part</em>.</p>' });
    expect(paragraphTexts(article)).toEqual(['First.', 'Second part.']);
  });

  it('is recognised without a filename by its tags', () => {
    expect(detectFormat('  <!doctype html><html><body><p>x</p></body></html>')).toBe('html');
    expect(detectFormat('<p>One paragraph.</p>')).toBe('html');
    expect(detectFormat('<3 this story')).toBe('text');
  });
});

describe('parseArticle: JSON', () => {
  it('reads the fields, `text` as body and `published_at` as the date', () => {
    const article = parseFixture('json-article.json');
    expect(article).toMatchObject({
      title: 'Wind Farm Approved Off the Coast',
      subtitle: 'Construction is due to start next year',
      byline: 'Ravi Kumar',
      authors: ['Ravi Kumar'],
      url: 'https://coastaltimes.example/wind-farm',
      outlet: 'Coastal Times',
      publishedAt: new Date('2025-04-10T00:00:00Z'),
      language: 'en',
    });
    expect(paragraphTexts(article)).toEqual([
      'Regulators approved the offshore wind farm on Thursday.',
      '“This is a long-awaited step,” energy minister Clara Voss said. She called the decision “good news for the coast.”',
      'Fishermen said that they would ask for compensation.',
    ]);
  });

  it('takes the body as an array of paragraphs and a written-out date', () => {
    const article = parseFixture('json-paragraph-array.json');
    expect(article.authors).toEqual(['Owen Price']);
    expect(article.publishedAt).toEqual(new Date('2025-03-03T00:00:00Z'));
    expect(paragraphTexts(article)).toEqual([
      'Pupils at Hillside Primary won the county garden prize on Friday.',
      '“We grew everything ourselves,” said pupil Maya Lund.',
    ]);
  });

  it('is recognised without a filename by its brace', () => {
    expect(parseArticle({ content: ' {"body": "Text."}' }).body).toBe('Text.');
  });
});

describe('parseArticle: the example articles', () => {
  const examples = [
    { file: 'kremlin-stays-vague.md', outlet: 'The Northbridge Ledger', date: '2025-01-27T14:00:00.000Z' },
    { file: 'kyiv-watches-closely.html', outlet: 'Harbor Point Gazette', date: '2025-01-28T08:15:00.000Z' },
    { file: 'nato-urges-unity.json', outlet: 'Meridian Wire', date: '2025-01-29T11:30:00.000Z' },
  ];

  it.each(examples)('$file parses with its metadata and a short body', ({ file, outlet, date }) => {
    const content = readFileSync(repoPath('examples/articles', file), 'utf8');
    const article = parseArticle({ content, filename: file });
    expect(article.outlet).toBe(outlet);
    expect(article.publishedAt?.toISOString()).toBe(date);
    expect(article.title).not.toBeNull();
    expect(article.subtitle).not.toBeNull();
    expect(article.authors.length).toBeGreaterThan(0);
    expect(article.url).toMatch(/^https:\/\/[a-z-]+\.example\//);
    const words = article.body.split(/\s+/).length;
    expect(words).toBeGreaterThanOrEqual(150);
    expect(words).toBeLessThanOrEqual(350);
    expect(article.body).toMatch(/Peskov/);
    expectConsistentBody(article);
  });
});

describe('parseArticle: malformed input', () => {
  const cases: { name: string; input: Parameters<typeof parseArticle>[0]; field: string; message: RegExp }[] =
    [
      {
        name: 'empty content',
        input: { content: '  \n ' },
        field: 'content',
        message: /^content: the article is empty$/,
      },
      {
        name: 'a title with no body',
        input: { content: '# Only a Title\n', format: 'markdown' },
        field: 'body',
        message: /^body: the article has no text$/,
      },
      {
        name: 'HTML with no text',
        input: { content: '<html><body><nav><a href="/">Home</a></nav></body></html>', format: 'html' },
        field: 'body',
        message: /^body: the article has no text$/,
      },
      { name: 'invalid JSON', input: { content: '{"title": "x",}' }, field: 'json', message: /^json: / },
      {
        name: 'JSON that is not an object',
        input: { content: '["a"]', format: 'json' },
        field: 'json',
        message: /^json: expected an object/,
      },
      {
        name: 'JSON without a body',
        input: { content: '{"title": "Headline only"}' },
        field: 'body',
        message: /^body: the JSON article has no "body" or "text" field$/,
      },
      {
        name: 'JSON with an empty body',
        input: { content: '{"title": "T", "body": "  "}' },
        field: 'body',
        message: /^body: the article has no text$/,
      },
      {
        name: 'JSON with a field of the wrong type',
        input: { content: '{"title": 42, "body": "Text."}' },
        field: 'title',
        message: /^title: .*expected string/,
      },
      {
        name: 'a relative date',
        input: { content: '{"body": "Text.", "publishedAt": "yesterday"}' },
        field: 'publishedAt',
        message: /^publishedAt: "yesterday" is not a date$/,
      },
      {
        name: 'an impossible date in front matter',
        input: { content: '---\ndate: 2025-02-30\n---\n\nText.', format: 'markdown' },
        field: 'publishedAt',
        message: /^publishedAt: "2025-02-30" is not a date$/,
      },
      {
        name: 'a url that is not http',
        input: { content: '{"body": "Text.", "url": "ftp://files.example/a"}' },
        field: 'url',
        message: /^url: "ftp:\/\/files.example\/a" is not an http\(s\) URL$/,
      },
      {
        name: 'an unknown format',
        input: { content: 'Text.', format: 'pdf' as 'text' },
        field: 'format',
        message: /^format: "pdf" is not one of/,
      },
      {
        name: 'a body over 2 MB',
        input: { content: `Title\n\n${'word '.repeat(450_000)}`, format: 'text' },
        field: 'body',
        message: /^body: the article text is larger than 2 MB$/,
      },
      {
        name: 'content over 10 MB',
        input: { content: 'x'.repeat(10 * 1024 * 1024 + 1), format: 'text' },
        field: 'content',
        message: /^content: the input is larger than 10 MB$/,
      },
    ];

  it.each(cases)('rejects $name', ({ input, field, message }) => {
    const error = parseError(() => parseArticle(input));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.name).toBe('ArticleParseError');
  });
});

describe('detectFormat', () => {
  it('prefers the filename extension, then the content', () => {
    expect(detectFormat('{"a": 1}', 'story.TXT')).toBe('text');
    expect(detectFormat('plain', 'story.markdown')).toBe('markdown');
    expect(detectFormat('plain', 'story.htm')).toBe('html');
    expect(detectFormat('---\ntitle: x\n---\nText')).toBe('markdown');
    expect(detectFormat('Just words', 'story.unknown')).toBe('text');
  });
});

describe('parsePublishedAt', () => {
  it.each([
    ['2025-01-27T09:30:00Z', '2025-01-27T09:30:00.000Z'],
    ['2025-01-27T09:30:00+02:00', '2025-01-27T07:30:00.000Z'],
    ['2025-01-27 09:30', '2025-01-27T09:30:00.000Z'],
    ['2025-01-27', '2025-01-27T00:00:00.000Z'],
    ['January 27, 2025', '2025-01-27T00:00:00.000Z'],
    ['Mon, 27 Jan 2025 09:30:00 GMT', '2025-01-27T09:30:00.000Z'],
  ])('reads %s as UTC when it gives no zone', (value, expected) => {
    expect(parsePublishedAt(value).toISOString()).toBe(expected);
  });

  it.each(['1', '2025-13-01', '2025-02-29', '2025-01-27T25:00', 'soon', 'Friday'])('rejects %s', (value) => {
    expect(() => parsePublishedAt(value)).toThrow(`publishedAt: "${value}" is not a date`);
  });
});
