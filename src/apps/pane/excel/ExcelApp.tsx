// The pane inside Excel: the App on the open workbook, or, once team workbooks are chosen, on a
// portfolio of the open workbook (read and written through Office.js) and the teams' files (read
// with the file layer from what the user picked, never written).
import { useMemo } from 'react';
import type { SheetLink } from '../../../engine';
import type { WorkbookPort } from '../../../io/port';
import { splitComposite } from '../../../portfolio';
import type { PortfolioMember } from '../../../portfolio';
import { App } from '../App';
import type { PaneHost } from '../host';
import { TeamWorkbooks } from '../components/TeamWorkbooks';
import { useTeamWorkbooks, type OpenFiles, type ReadOwnManifest, type TeamWorkbook } from '../teams/useTeamWorkbooks';
import type { TeamStore } from '../teams/team-store';
import { PanePortfolioPort, memberSelection } from '../teams/pane-port';
import { fileMember } from '../teams/member';

export interface ExcelAppProps {
  /** The host on the open workbook alone. */
  base: PaneHost & { port: WorkbookPort };
  /** The open workbook's file name, when Office says it. */
  documentName: string | null;
  store: TeamStore;
  /** Opens picked files; by default loads the file layer when first needed. */
  open?: OpenFiles;
  /** Reads the open workbook's own Portfolio table, when it is a portfolio's hub. */
  readOwnManifest?: ReadOwnManifest;
}

const lazyOpen: OpenFiles = async (files) => {
  const { openPicked, pickedFile } = await import(/* webpackChunkName: "team-files" */ '../teams/files.js');
  return Promise.all(files.map(async (f) => openPicked(await pickedFile(f))));
};

const lazyNumberFormat = async (team: TeamWorkbook | undefined, target: SheetLink): Promise<string | null> => {
  const workbook = team?.opened?.workbook;
  if (!workbook) return null;
  const { numberFormatAt } = await import(/* webpackChunkName: "team-files" */ '../page/preview.js');
  return numberFormatAt(workbook, target);
};

/** A team's file as a member: read only; remembered but not picked again, it is unavailable and says why. */
function teamMember(team: TeamWorkbook): PortfolioMember {
  return fileMember({ key: team.key, label: team.name }, team.opened, {
    writable: false,
    missing: `not picked in this session: pick ${team.name} again under Team workbooks… (this workbook keeps only its name)`,
  });
}

export function ExcelApp({ base, documentName, store, open = lazyOpen, readOwnManifest }: ExcelAppProps) {
  const { state, add, remove, setKey } = useTeamWorkbooks(store, documentName, open, readOwnManifest);
  const selfLabel = documentName ?? 'this workbook';

  const host: PaneHost = useMemo(() => {
    if (state.teams.length === 0) return base;
    const office = base.port;
    const self: PortfolioMember = {
      info: { key: state.selfKey, label: selfLabel },
      read: () => office.read(),
      apply: (plan) => office.apply(plan),
      select: async (target) => office.select?.(target),
    };
    // The open workbook is the hub when it holds the Portfolio table (its settings then apply).
    const hub = state.ownManifest ? state.selfKey : (state.teams.find((t) => t.opened?.manifest)?.key ?? null);
    const port = new PanePortfolioPort([self, ...state.teams.map(teamMember)], {
      hub,
      selection: memberSelection(office, selfLabel),
    });
    return {
      ...base,
      port,
      numberFormat: async (target) => {
        const where = splitComposite(target.sheet);
        if (!where) return null;
        const own = { sheet: where.sheet, cell: target.cell };
        if (where.label === selfLabel) return base.numberFormat ? base.numberFormat(own) : null;
        return lazyNumberFormat(
          state.teams.find((t) => t.name === where.label),
          own,
        );
      },
      portfolio: { merge: () => port.merge, home: selfLabel },
    };
  }, [base, state.teams, state.selfKey, state.ownManifest, selfLabel]);

  const toolbar = (
    <TeamWorkbooks
      state={state}
      selfLabel={selfLabel}
      onAdd={(files) => void add(files)}
      onRemove={(name) => void remove(name)}
      onKey={setKey}
    />
  );
  return <App host={host} toolbar={toolbar} />;
}
