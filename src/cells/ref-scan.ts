// Cell references inside sheet XML ("AB12"), parsed without regular expressions: a large sheet has millions.

/** Column number of the letters at the start of `ref` (0 when there are none). */
export function columnOfRef(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else if (code !== 36) break;
  }
  return column;
}

/** Row number in `ref` (0 when there is none). */
export function rowOfRef(ref: string): number {
  let row = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 48 && code <= 57) row = row * 10 + code - 48;
  }
  return row;
}
