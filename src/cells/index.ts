// Cell addresses and blocks of cells, shared by every room: the engine, the package layer and the
// adapters name cells the same way. Pure, and imports nothing.
export { a1, columnLetters, parseA1, type CellPosition } from './a1';
export { columnCount, decodeRef, rowCount, type CellBox, type SheetBox } from './box';
export { columnOfRef, rowOfRef } from './ref-scan';
