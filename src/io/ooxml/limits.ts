// Ceilings that keep a hostile or broken file from exhausting memory. Each is far above what a real
// workbook needs (a 100,000-row workbook holds about 25 MB of XML) and documented in docs/decisions.md.

/** Largest single part Throughline decompresses. A JavaScript string cannot hold much more than 512 MB. */
export const MAX_PART_BYTES = 400 * 1024 * 1024;

/** Largest total of decompressed parts Throughline reads from one package. */
export const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

/** Most entries a package may list. Excel's largest real workbooks hold a few thousand parts. */
export const MAX_ENTRIES = 100_000;

/** Most strings a shared-string table may hold (Excel's sheets hold at most 17 billion cells, but no file we can read holds this many). */
export const MAX_SHARED_STRINGS = 20_000_000;
