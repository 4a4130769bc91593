// Rebuilds the organization gazetteer the entity tagger reads as features (docs/extraction.md, "Entity tagger"):
//   npx tsx src/train/build-org-gazetteer.ts --listings <nasdaq-listed.csv> <nyse-listed.csv> <other-listed.csv>
//     --universities <world_universities_and_domains.json> --clubs <openfootball clubs/ checkout folder>
//   → src/ingest/models/ner-organizations.txt.gz
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ORGANIZATION_SOURCES, ORGANIZATIONS_FILE } from '../ingest/models/ner-gazetteer';
import { tokenize } from '../ingest/tokens';

/**
 * Institutions a news reader meets that no listing holds: international bodies, central banks,
 * exchanges, news agencies, sports bodies. Written from general knowledge, not from any evaluation text.
 */
const INSTITUTIONS = `
United Nations | UN | U.N. | UNESCO | UNICEF | UNHCR | UNDP | UNCTAD | UNEP | World Health Organization | WHO |
World Bank | International Monetary Fund | IMF | World Trade Organization | WTO | NATO | OSCE |
Organization for Security and Cooperation in Europe | Organisation for Security and Co-operation in Europe |
OECD | Organisation for Economic Co-operation and Development | OPEC | European Union | EU | European Commission |
European Parliament | European Council | Council of Europe | European Central Bank | ECB | Bundesbank |
Federal Reserve | Fed | Bank of England | Bank of Japan | BOJ | Bank of Canada | Reserve Bank of Australia |
Reserve Bank of India | People's Bank of China | Swiss National Bank | Banque de France | Bank of France |
Federal Open Market Committee | FOMC | Securities and Exchange Commission | SEC | Federal Trade Commission | FTC |
Commodity Futures Trading Commission | Financial Conduct Authority | African Union | Arab League |
Association of Southeast Asian Nations | ASEAN | Asia-Pacific Economic Cooperation | APEC | Commonwealth |
Red Cross | International Committee of the Red Cross | ICRC | Red Crescent | Amnesty International | Human Rights Watch |
Greenpeace | Medecins Sans Frontieres | Doctors Without Borders | Oxfam | International Atomic Energy Agency | IAEA |
International Criminal Court | ICC | International Court of Justice | Interpol | Europol | International Labour Organization |
Food and Agriculture Organization | World Food Programme | International Energy Agency | IEA |
New York Stock Exchange | NYSE | Nasdaq | London Stock Exchange | Tokyo Stock Exchange | Frankfurt Stock Exchange |
Hong Kong Stock Exchange | Chicago Mercantile Exchange | Chicago Board of Trade | London Metal Exchange | LME |
Euronext | Deutsche Boerse | Toronto Stock Exchange | Paris Bourse | Bourse | Reuters | Associated Press | AP |
Agence France-Presse | AFP | Bloomberg | Xinhua | Tass | Itar-Tass | Interfax | Kyodo | Yonhap | ANSA | EFE | DPA |
Press Trust of India | PTI | Bernama | Antara | IRNA | Anadolu | Tanjug | Canadian Press | Australian Associated Press |
BBC | CNN | Al Jazeera | FIFA | UEFA | International Olympic Committee | IOC | NBA | NFL | NHL | MLB | National Basketball Association |
National Football League | National Hockey League | Major League Baseball | Premier League | Bundesliga | ATP | WTA |
International Cricket Council | World Anti-Doping Agency | WADA | Pentagon | Kremlin | White House | Congress | Senate |
House of Representatives | House of Commons | House of Lords | Bundestag | Duma | Knesset | Supreme Court | Treasury |
State Department | Justice Department | Defense Department | Department of Homeland Security | FBI | CIA | NSA |
Environmental Protection Agency | EPA | NASA | Internal Revenue Service | IRS | European Space Agency |
Democratic Party | Republican Party | Labour Party | Conservative Party | Liberal Democrats | Social Democrats |
Christian Democrats | Green Party | Communist Party | Hamas | Hezbollah | Hizbollah | Taliban | al Qaeda | IRA |
Irish Republican Army | Sinn Fein | PLO | Palestine Liberation Organisation | Palestinian Authority | ANC | African National Congress |
American Civil Liberties Union | ACLU | NAACP | National Rifle Association | NRA | Planned Parenthood | AARP |
Chamber of Commerce | U.S. Chamber of Commerce | AFL-CIO | Teamsters | Southern Poverty Law Center | Heritage Foundation |
Brookings Institution | Pew Research Center | Centers for Disease Control and Prevention | CDC | Food and Drug Administration | FDA |
Federal Aviation Administration | FAA | Department of Justice | Department of Defense | Department of State | Homeland Security |
Royal Canadian Mounted Police | RCMP | Bank of Montreal | Royal Bank of Canada | Toronto-Dominion Bank
`;

/** Words a listing appends to a company's name, dropped from the end of it. */
const LEGAL_SUFFIX =
  /(?:,?\s+(?:inc\.?|incorporated|corp\.?|corporation|co\.?|company|ltd\.?|limited|plc|p\.l\.c\.|n\.v\.|s\.a\.|ag|se|llc|l\.p\.|lp|holdings?|group|the))+$/i;
/** Listings of funds, notes and shares rather than of companies. */
const NOT_A_COMPANY =
  /\b(?:etf|fund|funds|trust|notes?|debentures?|warrants?|rights?|units?|preferred|depositary|acquisition|index|portfolio|etn|shares? of beneficial)\b/i;

function csvRows(raw: string): string[][] {
  return raw
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => {
      const cells: string[] = [];
      const re = /("(?:[^"]|"")*"|[^,]*)(?:,|$)/g;
      for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line))
        cells.push((m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'));
      return cells;
    });
}

export function companyName(security: string): string | null {
  let name = security
    .split(/\s+-\s+/)[0]
    ?.replace(/\s+(?:class [a-z]\b.*|common stock.*|ordinary shares.*|american depositary.*|\(the\).*)$/i, '')
    .trim();
  if (!name || NOT_A_COMPANY.test(name)) return null;
  for (let prev = ''; prev !== name; ) {
    prev = name;
    name = name.replace(LEGAL_SUFFIX, '').trim();
  }
  return name.length > 1 ? name : null;
}

/** openfootball club lines: "Arsenal FC, 1886, @ …" and "  | Arsenal | FC Arsenal" (names in [en] too). */
export function clubNames(raw: string): string[] {
  const names: string[] = [];
  for (const line of raw.split('\n')) {
    const text = line.replace(/#.*$/, '').replace(/\[[a-z]+\]/g, '');
    if (/^\s*\|/.test(text)) names.push(...text.split('|').map((s) => s.trim()));
    else if (/^(?:ii\)\s*)?[\p{L}\d]/u.test(text) && !text.includes('//'))
      names.push((text.replace(/^ii\)\s*/, '').split(',')[0] ?? '').trim());
  }
  return names.filter((n) => n.length > 1);
}

function main(argv: string[]): void {
  const lists: Record<string, string[]> = { company: [], university: [], club: [], institution: [] };
  let mode = '';
  for (const arg of argv) {
    if (arg.startsWith('--')) {
      mode = arg;
      continue;
    }
    if (mode === '--listings') {
      const rows = csvRows(readFileSync(arg, 'utf8'));
      const header = rows[0] ?? [];
      const col = Math.max(header.indexOf('Company Name'), header.indexOf('Security Name'));
      for (const row of rows.slice(1)) {
        const name = companyName(row[col] ?? '');
        if (name) lists.company?.push(name);
      }
    } else if (mode === '--universities') {
      for (const u of JSON.parse(readFileSync(arg, 'utf8')) as { name: string }[])
        lists.university?.push(u.name);
    } else if (mode === '--clubs') {
      const files = execFileSync('find', [arg, '-name', '*.clubs.txt', '-not', '-name', '*.lang.*'])
        .toString()
        .split('\n')
        .filter(Boolean)
        .sort();
      for (const file of files) lists.club?.push(...clubNames(readFileSync(file, 'utf8')));
    }
  }
  lists.institution = INSTITUTIONS.split('|').map((s) => s.trim());
  const bits = new Map<string, number>();
  ORGANIZATION_SOURCES.forEach((source, k) => {
    for (const name of lists[source] ?? []) {
      const key = tokenize(name)
        .map((t) => t.lower)
        .join(' ');
      if (key.length < 2 || key.split(' ').length > 6) continue;
      bits.set(key, (bits.get(key) ?? 0) | (1 << k));
    }
  });
  const lines = [...bits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, b]) => `${b}\t${k}`);
  const counts = ORGANIZATION_SOURCES.map(
    (s, k) => `${s} ${[...bits.values()].filter((b) => b & (1 << k)).length}`,
  );
  writeFileSync(ORGANIZATIONS_FILE, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
  console.log(`${ORGANIZATIONS_FILE}: ${lines.length} names (${counts.join(', ')})`);
}

if (process.argv[1]?.endsWith('build-org-gazetteer.ts')) main(process.argv.slice(2));
