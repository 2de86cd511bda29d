// @dagrejs/dagre ships its types as an ES module while this project compiles to CommonJS for Node and
// the CLI; its CommonJS build is what `require` loads (webpack resolves the same call for the pane).
import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };

declare function require(id: '@dagrejs/dagre'): typeof Dagre;

export const dagre: typeof Dagre = require('@dagrejs/dagre');
export type { Dagre };
