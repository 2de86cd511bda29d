// A worker thread that reads and writes portfolio members for the command line's pool.
import { parentPort } from 'node:worker_threads';
import { readMemberFile, writeMemberFile, type MemberWrite } from './file-member';

export type MemberJob =
  | { id: number; op: 'read'; file: string; label: string }
  | { id: number; op: 'write'; file: string; label: string; hash: string; plan: MemberWrite; output: string };

export type MemberReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; name: string; message: string; file?: string };

parentPort?.on('message', (job: MemberJob) => {
  const work =
    job.op === 'read'
      ? readMemberFile(job.file, job.label)
      : // The plan arrived as this thread's own copy: it is made the member's in place.
        writeMemberFile(job.file, job.label, job.hash, job.plan, job.output, true);
  work.then(
    (value) => parentPort!.postMessage({ id: job.id, ok: true, value } satisfies MemberReply),
    (e: Error & { file?: string }) =>
      parentPort!.postMessage({
        id: job.id,
        ok: false,
        name: e.name,
        message: e.message,
        file: e.file,
      } satisfies MemberReply),
  );
});
