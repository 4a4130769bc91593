import { parseArticle } from '../../src/ingest/parse';
import { repairMojibake } from '../../src/ingest/parse-encoding';

describe('repairMojibake', () => {
  const good = 'Ségolène Royal said “no” — in São Paulo, a naïve café in Zürich.';

  test('UTF-8 read as Latin-1 gets its characters back', () => {
    expect(repairMojibake(Buffer.from(good, 'utf8').toString('latin1'))).toBe(good);
  });

  test('UTF-8 read as Latin-1 twice is repaired twice', () => {
    const once = Buffer.from('Miguel Basáñez', 'utf8').toString('latin1');
    const twice = Buffer.from(once, 'utf8').toString('latin1');
    expect(twice).toBe('Miguel BasÃ\u0083Â¡Ã\u0083Â±ez');
    expect(repairMojibake(twice)).toBe('Miguel Basáñez');
  });

  test('correct text is left alone, including a lone "Ã"', () => {
    expect(repairMojibake(good)).toBe(good);
    expect(repairMojibake('Ã and Â stand alone here.')).toBe('Ã and Â stand alone here.');
  });

  test('parseArticle repairs the body it reads', () => {
    const article = parseArticle({ content: Buffer.from(good, 'utf8').toString('latin1'), format: 'text' });
    expect(article.body).toContain('Ségolène Royal');
  });
});
