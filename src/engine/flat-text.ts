// Texts the refresh keeps until they are written (ledger cells, Risks cells, flag messages, drivers) are
// made flat as they are made. V8 keeps a string built with `+` or a template as a tree of its pieces (a
// "cons string", 32 bytes a node) until something reads its characters; a check-ins cell of five
// check-ins was about fifty heap objects instead of one. Every one of them that lives until the plan
// is written is copied by each young-generation collection it survives, so at 100k rows the trees were
// a third of what the collector copied for the refresh's result. Reading one character flattens the
// tree in place (V8's String::Flatten), and the pieces die young. The writer reads every character
// anyway, so the copy is made once either way, only earlier.

/** Kept so the optimiser cannot drop the read that flattens. */
let touched = 0;

/** The same text, its characters made one piece in memory; no other effect. */
export function flat(text: string): string {
  touched ^= text.charCodeAt(0) | 0;
  return text;
}

/** For tests: proof the reads happened (and a use of `touched`, so nothing is optimised away). */
export function flatReads(): number {
  return touched;
}
