/** Windows-1252 characters of 0x80–0x9F, by the byte each stands for. */
const CP1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** A lead byte of a UTF-8 sequence read as Latin-1 or Windows-1252, then its continuation bytes. */
const MISDECODED = /[\u00c2-\u00f4][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,3}/g;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text whose UTF-8 bytes were read as Latin-1 or Windows-1252 ("SÃ©golÃ¨ne" for "Ségolène") gets
 * its characters back. Each suspect run is re-decoded on its own and kept only when it is valid
 * UTF-8, so correct text that happens to hold such letters ("Ã" in Portuguese) is left alone. Text
 * misread twice ("BasÃ\u0083Â¡Ã\u0083Â±ez" for "Basáñez") is repaired twice.
 */
export function repairMojibake(text: string): string {
  let repaired = text;
  for (let pass = 0; pass < 3 && /[\u00c2-\u00f4]/.test(repaired); pass++) {
    const next = repaired.replace(MISDECODED, (run) => {
      const bytes = Uint8Array.from(run, (ch) => CP1252[ch] ?? ch.charCodeAt(0));
      try {
        return utf8.decode(bytes);
      } catch {
        return run;
      }
    });
    if (next === repaired) break;
    repaired = next;
  }
  return repaired;
}
