// The engine's Web Worker: the pure engine and nothing else (no DOM, no workbook access). The page
// reads the workbook, posts the snapshot here, and writes the plan this sends back.
import { refresh } from '../../../engine';
import type { EngineReply, EngineRequest } from './runner';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(reply: EngineReply): void;
};

scope.onmessage = (event) => {
  const { id, snapshot, options } = event.data;
  try {
    const result = refresh(snapshot, {
      ...options,
      onStage: (stage) => scope.postMessage({ id, type: 'stage', stage }),
    });
    scope.postMessage({ id, type: 'done', result });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    scope.postMessage({ id, type: 'error', name: error.name, message: error.message });
  }
};
