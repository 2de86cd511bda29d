// What a batch costs on the wire. office.js sends each `context.sync()` as one JSON request (its
// RichApi message: every object path the batch touches and every action on them) and Excel answers
// with one JSON response; Excel on the web refuses either above 5 MB. The adapter plans every batch
// from these costs before it sends anything: payloads (values, formats, addresses) are measured
// exactly, in UTF-8 bytes of their JSON; the envelope around them (paths, instantiate, keep-reference
// and query actions, ids) is counted as an upper bound of what office.js adds. The Excel fake in the
// tests encodes the same batches the way office.js does and checks that no sync ever exceeds them.

/** The adapter's own cap per request and per response, below Excel on the web's 5 MB. */
export const PAYLOAD_BUDGET = 4_500_000;

/** office.js sends an array write of more cells than this in pieces of whole rows, each its own ranges. */
export const OFFICE_BULK_CELLS = 1_500;

/**
 * Areas per `Worksheet.getRanges` address: Excel refuses long multi-area addresses well before any
 * documented limit (office-js issue 5198 saw failures from about 8,200 characters), so fills go in
 * addresses of at most this many characters.
 */
export const MAX_AREAS_ADDRESS = 1_000;

/** Ids grow with every object in one Excel.run; assume seven digits. */
const ID = 7;
/**
 * One object path: its entry in ObjectPaths (`"id":{Id, ObjectPathType, Name, ParentObjectPathId, ArgumentInfo, D}`)
 * and its id in one action's L list.
 */
const PATH = 150 + 3 * ID;
/** One action without arguments (instantiate, query header): `{Id, ActionType, Name, ObjectPathId}` and a comma. */
const ACTION = 70 + 2 * ID;
/** office.js's keep-reference action for a range created inside Excel.run (removed again by untrack). */
const KEEP_REFERENCE = 100 + 2 * ID;
/** One result in the response: `{"ActionId":…,"Value":{"_ReferenceId":"{…}"}}`. */
export const RESULT = 90 + ID;
/** The request's and the response's own envelope. */
export const ENVELOPE = 200;

/** UTF-8 bytes of a string, without building them. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of a value's JSON, as it travels inside a request or a response. */
export const jsonBytes = (value: unknown): number => utf8Length(JSON.stringify(value) ?? 'null');

export interface Cost {
  request: number;
  response: number;
}

export const addCost = (a: Cost, b: Cost): Cost => ({
  request: a.request + b.request,
  response: a.response + b.response,
});

/**
 * An object office.js creates: its path plus the instantiate action(s); a range inside Excel.run also
 * gets a keep-reference action and a second instantiate unless it is untracked. `args` are the bytes
 * of its arguments' JSON.
 */
export function objectCost(name: string, args: number, opts: { range?: boolean; untracked?: boolean } = {}): Cost {
  const instantiates = opts.range ? 2 : 1;
  const keep = opts.range && !opts.untracked ? KEEP_REFERENCE : 0;
  return { request: PATH + name.length + args + instantiates * ACTION + keep, response: instantiates * RESULT };
}

/** A method called or a property set: the action and its arguments' JSON (`payload` bytes). */
export function actionCost(name: string, payload: number): Cost {
  return { request: ACTION + 40 + name.length + payload, response: RESULT };
}

/** A load: the query action and its select list; `response` is the bytes of the values Excel sends back. */
export function queryCost(select: string[], response: number): Cost {
  return { request: ACTION + 40 + jsonBytes(select), response: RESULT + 40 + response };
}

/**
 * Setting Values, Formulas or NumberFormat over rows × cols cells whose JSON is `payload` bytes, on a
 * range already accounted for: office.js checks the array's size and, above 1,500 cells, sends it as
 * pieces of whole rows, each a bounding range of two row ranges.
 */
export function arraySetCost(name: string, rows: number, cols: number, payload: number): Cost {
  const set = actionCost(name, payload);
  if (rows * cols <= OFFICE_BULK_CELLS) return set;
  const perPiece = Math.max(1, Math.round(OFFICE_BULK_CELLS / cols));
  const pieces = Math.ceil(rows / perPiece);
  const piece = addCost(
    addCost(
      objectCost('GetRow', 2 * ID, { range: true, untracked: true }),
      objectCost('GetRow', 2 * ID, { range: true, untracked: true }),
    ),
    objectCost('GetBoundingRect', 3 * ID, { range: true, untracked: true }),
  );
  const validate = actionCost('_ValidateArraySize', 2 * ID);
  return {
    request: validate.request + set.request + pieces * (piece.request + ACTION + 40 + name.length + 4),
    response: validate.response + set.response + pieces * (piece.response + RESULT),
  };
}

/** A range from `sheet.getRangeByIndexes`, untracked: the adapter never keeps one beyond its batch. */
export const RANGE_BY_INDEXES = objectCost('GetRangeByIndexes', 4 * (ID + 1), { range: true, untracked: true });

/** The worksheet an operation works on, looked up by name (counted per operation, though a batch shares it). */
export const sheetCost = (name: string): Cost => objectCost('GetItem', utf8Length(name) * 2 + 4);

/** A worksheet's size: Excel's last row and column. */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;
