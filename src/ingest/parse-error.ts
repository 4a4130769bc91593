/** Input that cannot become an article; `field` names the part at fault ("body", "json", "publishedAt"). */
export class ArticleParseError extends Error {
  readonly field: string;
  readonly problem: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'ArticleParseError';
    this.field = field;
    this.problem = problem;
  }
}
