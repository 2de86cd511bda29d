import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Switch,
  makeStyles,
  tokens,
  useAnnounce,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Settings } from '../../../engine';
import { DEFAULT_SETTINGS } from '../../../engine';
import { isoFromDay } from '../../../engine';
import { CADENCE_CHOICES, type PaneSettings, type SettingsProblem } from '../../../io/settings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  field: { minWidth: 0 },
  control: { width: '100%', minWidth: 0 },
  where: { color: tokens.colorNeutralForeground2 },
});

export interface SettingsFormProps {
  mode: 'excel' | 'file';
  /** The settings in force (only ever valid ones). */
  value: PaneSettings;
  /** What the last refresh used and what the workbook's Settings table said; null before any refresh. */
  inUse: { settings: Settings; workbook: Partial<Settings> } | null;
  /** Saves valid settings; returns the problems of invalid ones (then nothing is saved or put in force). */
  onSave: (next: PaneSettings) => Promise<SettingsProblem[]>;
  /** Excel only: whether this Excel has the change events live updates need (null: not known yet). */
  liveSupported?: boolean | null;
}

const LABELS: Readonly<Record<keyof PaneSettings, string>> = {
  asOf: 'As of',
  greenThreshold: 'Green at (%)',
  amberThreshold: 'Amber at (%)',
  defaultCadence: 'Default cadence',
  graceDays: 'Grace days',
  slipAmberDays: 'Slip Amber after (days)',
  slipRedDays: 'Slip Red after (days)',
  rollup: 'Rollup',
  liveUpdates: 'Live updates',
};

type Key = Exclude<keyof PaneSettings, 'rollup' | 'defaultCadence' | 'asOf' | 'liveUpdates'>;

const CADENCE_WORDS: Record<string, string> = {
  'days:7': 'weekly',
  'days:14': 'biweekly',
  'months:1': 'monthly',
  'months:3': 'quarterly',
};
const cadenceText = (c: Settings['defaultCadence']) => CADENCE_WORDS[`${c.unit}:${c.count}`] ?? `${c.count} ${c.unit}`;

function shown(key: keyof Settings, value: Settings[keyof Settings]): string {
  if (key === 'greenThreshold' || key === 'amberThreshold') return String(Math.round((value as number) * 1000) / 10);
  if (key === 'defaultCadence') return cadenceText(value as Settings['defaultCadence']);
  if (key === 'asOf') return isoFromDay(value as number);
  return String(value);
}

/** Empty fields leave the choice to the workbook's Settings table, then to the defaults; each says what is in use. */
const WHERE_EXCEL =
  'Saved inside this workbook (Office document settings): they travel with the file and win over its ' +
  'Settings table. They never change your sheets.';
const WHERE_PAGE =
  'Kept on this page while this file is open; they are not saved into the downloaded workbook. ' +
  "To keep a setting with the file, put it in the workbook's Settings table.";

export function SettingsForm({ mode, value, inUse, onSave, liveSupported }: SettingsFormProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState(value);
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  useEffect(() => setDraft(value), [value]);
  const { announce } = useAnnounce();
  const problem = (field: keyof PaneSettings) => problems.find((p) => p.field === field)?.message;
  // Messages sit under their fields without a live region of their own: the pane's one live region says them.
  const message = (field: keyof PaneSettings) => {
    const text = problem(field);
    return text ? { children: text, role: undefined } : undefined;
  };

  /** The value a field would have if left empty, and where it comes from. */
  const effective = (key: keyof Settings): { text: string; from: string } => {
    if (inUse && inUse.workbook[key] !== undefined)
      return { text: shown(key, inUse.workbook[key]!), from: "the workbook's Settings table" };
    if (key === 'asOf') return { text: inUse ? shown('asOf', inUse.settings.asOf) : 'today', from: 'today' };
    return {
      text: shown(key, DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS]),
      from: inUse ? 'the default' : "the default, unless the workbook's Settings table sets it",
    };
  };
  const edit = (field: keyof PaneSettings, text: string) => {
    setDraft({ ...draft, [field]: text });
    setProblems((ps) => ps.filter((p) => p.field !== field));
  };
  const text = (field: Key | 'asOf', label: string, type: 'text' | 'date' = 'text') => {
    const e = effective(field);
    const hint = draft[field].trim() ? undefined : `Empty: ${e.text} from ${e.from}`;
    return (
      <Field
        className={styles.field}
        label={label}
        hint={hint}
        validationMessage={message(field)}
        validationState={problem(field) ? 'error' : 'none'}
      >
        <Input
          className={styles.control}
          type={type}
          value={draft[field]}
          placeholder={e.text}
          onChange={(_, d) => edit(field, d.value)}
        />
      </Field>
    );
  };
  const cadence = effective('defaultCadence');
  const rollup = effective('rollup');
  return (
    <form
      className={styles.form}
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(draft).then((found) => {
          setProblems(found);
          if (found.length > 0)
            announce(`Settings not saved: ${found.map((p) => `${LABELS[p.field]}: ${p.message}`).join(' ')}`, {
              alert: true,
            });
        });
      }}
    >
      <Body1 className={styles.where}>{mode === 'excel' ? WHERE_EXCEL : WHERE_PAGE}</Body1>
      {text('asOf', LABELS.asOf, 'date')}
      <div className={styles.pair}>
        {text('greenThreshold', LABELS.greenThreshold)}
        {text('amberThreshold', LABELS.amberThreshold)}
      </div>
      <Field
        className={styles.field}
        label="Default cadence"
        hint="For items without a Cadence"
        validationMessage={message('defaultCadence')}
        validationState={problem('defaultCadence') ? 'error' : 'none'}
      >
        <Select
          className={styles.control}
          value={draft.defaultCadence}
          onChange={(_, d) => edit('defaultCadence', d.value)}
        >
          <option value="">{`${cadence.text} (${/^the default(,|$)/.test(cadence.from) ? 'default' : 'workbook'})`}</option>
          {CADENCE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.pair}>
        {text('graceDays', LABELS.graceDays)}
        {text('slipAmberDays', LABELS.slipAmberDays)}
        {text('slipRedDays', LABELS.slipRedDays)}
      </div>
      <Field className={styles.field} label="Rollup">
        <Select className={styles.control} value={draft.rollup} onChange={(_, d) => edit('rollup', d.value)}>
          <option value="">{`${rollup.text} (${rollup.from === "the workbook's Settings table" ? 'workbook' : 'default'})`}</option>
          <option value="weighted">weighted</option>
          <option value="worst">worst</option>
        </Select>
      </Field>
      {mode === 'excel' && <LiveSwitch draft={draft} edit={edit} supported={liveSupported ?? null} />}
      {problems.length > 0 && (
        <Caption1>
          Nothing was saved: fix {problems.length === 1 ? 'the field' : `the ${problems.length} fields`} marked above.
          The settings in use have not changed.
        </Caption1>
      )}
      <Button type="submit" appearance="secondary">
        Save settings
      </Button>
    </form>
  );
}

/** Live updates (Excel only): on by default; below ExcelApi 1.7 the pane says once that they need a newer Excel. */
function LiveSwitch(props: {
  draft: PaneSettings;
  edit: (field: keyof PaneSettings, text: string) => void;
  supported: boolean | null;
}) {
  if (props.supported === false)
    return (
      <Caption1>Live updates need a newer version of Excel (ExcelApi 1.7); press Refresh to see changes.</Caption1>
    );
  return (
    <Field hint="Edits by anyone, co-authors included, recompute what the pane shows. Nothing is written until Refresh.">
      <Switch
        label={LABELS.liveUpdates}
        checked={props.draft.liveUpdates !== 'off'}
        onChange={(_, d) => props.edit('liveUpdates', d.checked ? '' : 'off')}
      />
    </Field>
  );
}
