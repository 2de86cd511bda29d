// How much text fits in a box, measured without a font engine. Widths are estimated per character
// from DejaVu Sans, the widest font a renderer falls back to when Calibri is missing (LibreOffice on
// Linux), so text that fits by this measure also fits in PowerPoint's Calibri, which is narrower.

/** Inches per point. */
export const PT = 1 / 72;
/** Line height as a multiple of the font size (PowerPoint's single spacing is about 1.2). */
export const LINE = 1.2;

const NARROW = new Set([..."iljtfrI.,:;!|'`()[]{}/\\ "]);
const WIDE = new Set([...'mwMWQGOCDHNU@%&—']);

/** A character's advance in ems (a generous estimate). */
function advance(ch: string, bold: boolean): number {
  let w: number;
  if (NARROW.has(ch)) w = 0.36;
  else if (WIDE.has(ch)) w = 0.86;
  else if (ch >= 'A' && ch <= 'Z') w = 0.72;
  else if (ch >= '0' && ch <= '9') w = 0.64;
  else if (ch.charCodeAt(0) > 0x2e7f)
    w = 1; // CJK and other full-width scripts
  else w = 0.6;
  return bold ? w * 1.08 : w;
}

/** Width of a text in inches at a font size in points. */
export function textWidth(text: string, fontPt: number, bold = false): number {
  let ems = 0;
  for (const ch of text) ems += advance(ch, bold);
  return ems * fontPt * PT;
}

/** Height in inches of a number of lines at a font size. */
export function linesHeight(lines: number, fontPt: number): number {
  return lines * fontPt * LINE * PT;
}

/** Breaks text into lines no wider than `width` inches, word by word; a word too long for a line is cut. */
export function wrap(text: string, width: number, fontPt: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, fontPt, bold) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      // A single word wider than the line (a long ID, a URL) is broken where it must be.
      while (textWidth(line, fontPt, bold) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && textWidth(line.slice(0, cut), fontPt, bold) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

export interface Fitted {
  /** The text as shown: whole, or cut at a word and ended with "…". */
  text: string;
  lines: number;
  /** True when the text was cut; the whole text then belongs in the speaker notes. */
  cut: boolean;
}

/** Text for a box `width` inches wide that may take at most `maxLines` lines. */
export function fit(text: string, width: number, fontPt: number, maxLines: number, bold = false): Fitted {
  const clean = text.replace(/[ \t]+/g, ' ').trim();
  const lines = wrap(clean, width, fontPt, bold);
  if (lines.length <= maxLines) return { text: clean, lines: Math.max(1, lines.length), cut: false };
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  // Room for the "…": whole words go first, so the cut falls between words where it can.
  while (last.length > 0 && textWidth(`${last}…`, fontPt, bold) > width) {
    const space = last.lastIndexOf(' ');
    last = space > 0 ? last.slice(0, space) : last.slice(0, -1);
  }
  kept[maxLines - 1] = `${last.replace(/[\s,;:·-]+$/, '')}…`;
  return { text: kept.join(' '), lines: maxLines, cut: true };
}
