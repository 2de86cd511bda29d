// CRC-32 (the zip polynomial), for parts Throughline writes: zip entries carry one, and a reader
// checks it. fflate does not export its own.
const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 of `data`; pass the CRC of what came before to continue it over several chunks. */
export function crc32(data: Uint8Array, previous = 0): number {
  let crc = previous ^ -1;
  for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
