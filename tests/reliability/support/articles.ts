/** Distinct small articles with named speakers, quotes and reported speech, for bursts of ingests. */
export function burstArticle(i: number): { content: string; format: 'json' } {
  const body = [
    `“We will reopen the line to Station ${i} by spring,” transport minister Hallveig Ostrander said on Monday.`,
    `Union leader Petr Vasquez-Lund said that workers at depot ${i} had not been consulted.`,
    `Ostrander told reporters the budget for depot ${i} was settled. “Nothing is cut,” she said.`,
  ].join('\n\n');
  return {
    format: 'json',
    content: JSON.stringify({ title: `Rail Line ${i} to Reopen`, body, publishedAt: '2025-05-02' }),
  };
}
