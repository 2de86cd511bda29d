// Browser APIs jsdom lacks that Fluent UI touches; only in jsdom test files.
import '@testing-library/jest-dom';

if (typeof window !== 'undefined') {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
}

if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;
}

// jsdom's window hides Node's structuredClone, which every browser the pane runs in has (dagre uses it).
if (typeof globalThis.structuredClone === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = require('node:v8') as typeof import('node:v8');
  globalThis.structuredClone = (<T>(value: T): T => v8.deserialize(v8.serialize(value))) as typeof structuredClone;
}

// jsdom's window hides Node's TextDecoder and TextEncoder, which every browser has (the .xlsx layer uses them).
if (typeof globalThis.TextDecoder === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const util = require('node:util') as typeof import('node:util');
  globalThis.TextDecoder = util.TextDecoder as unknown as typeof TextDecoder;
  globalThis.TextEncoder = util.TextEncoder as unknown as typeof TextEncoder;
}
