// The page's Web Worker. Two kinds of work come here: the engine on a snapshot (Excel's pane, and a
// portfolio opened on the page, post the rows they read and write the plan this sends back); and a
// file the page opened (file-session.ts: the .xlsx is unzipped, read, refreshed, written and zipped
// here, so the page's own thread only draws). No DOM here.
import { refresh } from '../../../engine';
import type { EngineReply, EngineRequest } from './runner';
import { isFileRequest, type FileReply, type FileRequest } from './file-protocol';
import { FileSessions } from './file-session';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineRequest | FileRequest>) => void) | null;
  postMessage(reply: EngineReply | FileReply, transfer?: Transferable[]): void;
};

const files = new FileSessions((reply, transfer) => scope.postMessage(reply, transfer ?? []));

function runEngine({ id, snapshot, options }: EngineRequest): void {
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
}

scope.onmessage = (event) => {
  const data = event.data;
  if (isFileRequest(data)) void files.handle(data);
  else runEngine(data);
};
