// Cell addresses and blocks of cells, shared by every room: the engine, the package layer and the
// adapters name cells the same way. Pure, and imports nothing.
export { a1, columnLetters, parseA1, type CellPosition } from './a1';
export { decodeRef, type CellBox } from './box';
export { columnOfRef, rowOfRef } from './ref-scan';
