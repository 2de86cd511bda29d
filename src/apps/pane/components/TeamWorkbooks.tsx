import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  mergeClasses,
  tokens,
  useAnnounce,
} from '@fluentui/react-components';
import {
  ChevronDown16Regular,
  ChevronRight16Regular,
  Delete16Regular,
  DocumentAdd16Regular,
} from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState } from 'react';
import { SELF, type TeamsState } from '../teams/useTeamWorkbooks';
import type { OpenedFile } from '../teams/files';
import { BarTitle } from './BarTitle';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', minWidth: 0 },
  field: { minWidth: 0, maxWidth: '100%' },
  // Labels carry file names, often without a space to wrap at: they break anywhere instead of widening the pane.
  label: { overflowWrap: 'anywhere', minWidth: 0 },
  remove: { flexShrink: 0 },
  grow: { flexGrow: 1, flexBasis: '140px' },
  input: { width: '100%', minWidth: 0 },
  status: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  unread: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  about: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  toggle: { alignSelf: 'flex-start' },
  hidden: { display: 'none' },
});

export interface TeamWorkbooksProps {
  state: TeamsState;
  /** The open workbook's file name, as the roll-up names it. */
  selfLabel: string;
  onAdd: (files: File[]) => void;
  onRemove: (name: string) => void;
  /** Saves a key; resolves to why it is refused, or null. */
  onKey: (who: string | typeof SELF, key: string) => Promise<string | null>;
}

const ACCEPT =
  '.xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12';

/** A team key typed in place; saved when it loses focus or on Enter, its problem under it. */
function KeyField({
  label,
  hint,
  value,
  onSave,
  grow,
}: {
  label: string;
  hint?: string;
  value: string;
  onSave: (key: string) => Promise<string | null>;
  grow?: boolean;
}) {
  const styles = useStyles();
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const { announce } = useAnnounce();
  useEffect(() => setDraft(value), [value]);
  const save = async () => {
    if (draft.trim().toUpperCase() === value) {
      setDraft(value);
      setProblem(null);
      return;
    }
    const refused = await onSave(draft);
    setProblem(refused);
    // The message sits under its field; the pane's one live region says it.
    if (refused) announce(`${label}: ${refused}`, { polite: true });
  };
  return (
    <Field
      className={mergeClasses(styles.field, grow && styles.grow)}
      label={{ children: label, className: styles.label }}
      hint={hint}
      validationState={problem ? 'error' : 'none'}
      validationMessage={problem ? { children: problem, role: undefined } : undefined}
    >
      <Input
        className={styles.input}
        value={draft}
        onChange={(_, d) => setDraft(d.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => e.key === 'Enter' && void save()}
        size="small"
        spellCheck={false}
        autoComplete="off"
      />
    </Field>
  );
}

/**
 * "Team workbooks…": other teams' files, picked here, read with the file layer and rolled up with the
 * open workbook, which alone is written. Names and keys are kept in the workbook; files remembered from
 * an earlier session are asked for again.
 */
/** When a picked workbook was saved, and whether it is the hub. */
function pickedStatus(opened: OpenedFile): string {
  const saved = opened.file.modified ? `; saved ${new Date(opened.file.modified).toISOString().slice(0, 10)}` : '';
  return `Picked${saved}${opened.manifest ? '; holds the Portfolio table' : ''}.`;
}

export function TeamWorkbooks({ state, selfLabel, onAdd, onRemove, onKey }: TeamWorkbooksProps) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const panelId = useId();
  const again = state.teams.filter((t) => t.opened === null);
  const pick = () => input.current?.click();
  const count = state.teams.length;
  return (
    <div className={styles.root}>
      <Button
        className={styles.toggle}
        size="small"
        appearance="secondary"
        icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        disabled={!state.ready}
      >
        {count > 0 ? `Team workbooks… (${count})` : 'Team workbooks…'}
      </Button>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label="Team workbook files"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onAdd(files);
        }}
      />
      {again.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <BarTitle>Pick these again</BarTitle>
            {again.map((t) => `${t.name} (${t.key})`).join(', ')}. This workbook keeps only their names and keys; to
            read them, Throughline needs the files. A refresh without them reports their items as not read.
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={pick} disabled={state.busy}>
              Pick files…
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{state.problem}</MessageBarBody>
        </MessageBar>
      )}
      {open && (
        <section id={panelId} className={styles.panel} aria-label="Team workbooks">
          <Caption1 className={styles.about}>
            Other teams’ workbooks, read from files you pick and rolled up with this one: dependencies, rollups and
            risks cross between them. Only this workbook is written; theirs are never changed. A team key qualifies IDs
            (PROC:INI-1).
          </Caption1>
          <KeyField
            label={`This workbook (${selfLabel}): team key`}
            hint="Written by Refresh"
            value={state.selfKey}
            onSave={(k) => onKey(SELF, k)}
          />
          {count > 0 && (
            <ul className={styles.list} aria-label="Team workbooks picked">
              {state.teams.map((t) => (
                <li key={t.name} className={styles.item} data-testid={`team-${t.name}`}>
                  <div className={styles.row}>
                    <KeyField label={`${t.name}: team key`} value={t.key} onSave={(k) => onKey(t.name, k)} grow />
                    <Button
                      className={styles.remove}
                      size="small"
                      appearance="subtle"
                      icon={<Delete16Regular />}
                      onClick={() => onRemove(t.name)}
                      aria-label={`Remove ${t.name}`}
                      title={`Remove ${t.name}`}
                    />
                  </div>
                  <Caption1 className={t.opened?.workbook ? styles.status : styles.unread}>
                    {t.opened === null
                      ? 'Not picked in this session: pick it again to read it.'
                      : t.opened.workbook === null
                        ? `Cannot be read: ${t.opened.problem}`
                        : pickedStatus(t.opened)}
                  </Caption1>
                </li>
              ))}
            </ul>
          )}
          <Button
            className={styles.toggle}
            size="small"
            icon={<DocumentAdd16Regular />}
            onClick={pick}
            disabled={state.busy}
          >
            {state.busy ? 'Opening…' : 'Add workbooks…'}
          </Button>
        </section>
      )}
    </div>
  );
}
