// The Excel pane's team workbooks: which files are rolled up with the open workbook, under which team
// keys, which of them were picked in this session (and so can be read), and the changes the user makes
// to them, each saved in the document settings at once.
import { describeError } from '../../../io/errors';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type MutableRefObject,
  type SetStateAction,
} from 'react';
import type { OpenedFile } from './files';
import { checkKey, defaultSelfKey, keysForPicked } from './team-keys';
import { isManifest, readManifest, type ManifestEntry } from '../../../portfolio';
import type { NamedRange } from '../../../portfolio';
import type { TeamStore } from './team-store';

export interface TeamWorkbook {
  name: string;
  key: string;
  /** Null for a file remembered from an earlier session and not picked again yet. */
  opened: OpenedFile | null;
}

export interface TeamsState {
  /** False until the document settings have been read. */
  ready: boolean;
  selfKey: string;
  teams: TeamWorkbook[];
  /** What went wrong with the last change (a file that could not be used, settings not saved). */
  problem: string | null;
  busy: boolean;
  /** The open workbook's own Portfolio table, when it is a hub: the files it lists and their keys. */
  ownManifest: ManifestEntry[] | null;
}

/** Opens picked files with the file layer; the pane passes a lazy loader so Excel loads it only when needed. */
export type OpenFiles = (files: File[]) => Promise<OpenedFile[]>;

export const SELF = Symbol('the open workbook');

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Reads the open workbook's own Portfolio table, if it has one. */
export type ReadOwnManifest = () => Promise<NamedRange | null>;

export function useTeamWorkbooks(
  store: TeamStore,
  documentName: string | null,
  open: OpenFiles,
  readOwnManifest?: ReadOwnManifest,
) {
  const [state, setState] = useState<TeamsState>({
    ready: false,
    selfKey: defaultSelfKey(documentName, []),
    teams: [],
    problem: null,
    busy: false,
    ownManifest: null,
  });
  const latest = useRef(state);
  latest.current = state;
  // Whether the open workbook's key was chosen (or saved) rather than guessed: a hub picked later may still name it.
  const selfChosen = useRef(false);

  useSavedTeams(store, documentName, setState, selfChosen, readOwnManifest);

  const commit = useCallback(
    async (next: Pick<TeamsState, 'selfKey' | 'teams'>, problem: string | null = null) => {
      setState((s) => ({ ...s, ...next, problem, busy: false }));
      try {
        await store.save({ selfKey: next.selfKey, teams: next.teams.map((t) => ({ name: t.name, key: t.key })) });
        selfChosen.current = true;
      } catch (e) {
        setState((s) => ({
          ...s,
          problem: `The team workbooks could not be saved in this workbook (${describeError(e)}); they last until the pane closes.`,
        }));
      }
    },
    [store],
  );

  /** Files picked: each becomes (or again becomes) a team workbook, read only. */
  const add = useCallback(
    async (files: File[]) => {
      const own = documentName ? files.filter((f) => same(f.name, documentName)) : [];
      const usable = files.filter((f) => !own.includes(f));
      const skipped =
        own.length > 0 ? `${documentName} is the workbook open in Excel: it is in the roll-up already.` : null;
      if (usable.length === 0) {
        setState((s) => ({ ...s, problem: skipped }));
        return;
      }
      setState((s) => ({ ...s, busy: true, problem: null }));
      let opened: OpenedFile[];
      try {
        opened = await open(usable);
      } catch (e) {
        setState((s) => ({ ...s, busy: false, problem: `The files could not be opened: ${describeError(e)}` }));
        return;
      }
      const next = withPicked(latest.current, opened, documentName, selfChosen.current);
      const unreadable = opened.filter((o) => o.problem !== null).map((o) => o.problem);
      await commit(next, [skipped, ...unreadable].filter(Boolean).join(' ') || null);
    },
    [documentName, open, commit],
  );

  const remove = useCallback(
    async (name: string) => {
      const current = latest.current;
      await commit({ selfKey: current.selfKey, teams: current.teams.filter((t) => t.name !== name) });
    },
    [commit],
  );

  /** A key typed for a team workbook (or the open one): saved when valid, else the reason it is not. */
  const setKey = useCallback(
    async (who: string | typeof SELF, raw: string): Promise<string | null> => {
      const current = latest.current;
      const others = [
        ...(who === SELF ? [] : [current.selfKey]),
        ...current.teams.filter((t) => t.name !== who).map((t) => t.key),
      ];
      const checked = checkKey(raw, others);
      if ('problem' in checked) return checked.problem;
      // The same key again changes nothing (and does not start the pane afresh).
      if (checked.key === (who === SELF ? current.selfKey : current.teams.find((t) => t.name === who)?.key))
        return null;
      const next =
        who === SELF
          ? { selfKey: checked.key, teams: current.teams }
          : {
              selfKey: current.selfKey,
              teams: current.teams.map((t) => (t.name === who ? { ...t, key: checked.key } : t)),
            };
      if (who === SELF) selfChosen.current = true;
      await commit(next);
      return null;
    },
    [commit],
  );

  return { state, add, remove, setKey };
}

/**
 * The teams once `opened` are added: keys from the Portfolio tables known (the open workbook's own,
 * the files'), else from the file names; the open workbook's key guessed again unless it was chosen.
 */
function withPicked(
  current: TeamsState,
  opened: OpenedFile[],
  documentName: string | null,
  selfChosen: boolean,
): Pick<TeamsState, 'selfKey' | 'teams'> {
  const kept = current.teams.filter((t) => !opened.some((o) => same(o.file.name, t.name)));
  const manifests = [
    ...(current.ownManifest ? [current.ownManifest] : []),
    ...[...opened, ...kept.flatMap((t) => (t.opened ? [t.opened] : []))].flatMap((o) =>
      o.manifest ? [o.manifest.entries] : [],
    ),
  ];
  const selfKey = selfChosen ? current.selfKey : defaultSelfKey(documentName, manifests);
  const keys = keysForPicked(
    opened.map((o) => o.file.name),
    current.teams,
    manifests,
    new Set([selfKey, ...kept.map((t) => t.key)]),
  );
  const picked = opened.map((o, i) => ({ name: o.file.name, key: keys[i], opened: o }));
  // A file picked again takes its old place in the list; new ones go last.
  const teams = current.teams.map((t) => picked.find((p) => same(p.name, t.name)) ?? t);
  for (const p of picked) if (!teams.some((t) => same(t.name, p.name))) teams.push(p);
  return { selfKey, teams };
}

/** Reads the team workbooks saved in the document and the open workbook's own Portfolio table, again for another document. */
function useSavedTeams(
  store: TeamStore,
  documentName: string | null,
  setState: Dispatch<SetStateAction<TeamsState>>,
  selfChosen: MutableRefObject<boolean>,
  readOwnManifest?: ReadOwnManifest,
) {
  useEffect(() => {
    let live = true;
    // The open workbook may be the hub: its Portfolio table names the team files and their keys. A
    // table that cannot be read is no reason to stop: the keys then come from the files' names.
    const own = (readOwnManifest ? readOwnManifest() : Promise.resolve(null)).then(
      (range) =>
        range && isManifest(range.headers, range.rows)
          ? readManifest(range.headers, range.rows, range.headerRow).entries
          : null,
      () => null,
    );
    Promise.all([store.load(), own]).then(
      ([saved, ownManifest]) => {
        if (!live) return;
        selfChosen.current = saved.selfKey !== null;
        setState((s) => ({
          ...s,
          ready: true,
          ownManifest,
          selfKey: saved.selfKey ?? (ownManifest ? defaultSelfKey(documentName, [ownManifest]) : s.selfKey),
          teams: saved.teams.map((t) => ({ ...t, opened: null })),
        }));
      },
      (e) =>
        live &&
        setState((s) => ({
          ...s,
          ready: true,
          problem: `The team workbooks saved in this workbook could not be read (${describeError(e)}).`,
        })),
    );
    return () => {
      live = false;
    };
  }, [store, readOwnManifest, documentName, setState, selfChosen]);
}
