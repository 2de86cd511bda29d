import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { CADENCE_CHOICES, type PaneSettings, type SettingsProblem } from '../settings-store';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  pair: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
});

export interface SettingsFormProps {
  value: PaneSettings;
  problems: SettingsProblem[];
  onSave: (next: PaneSettings) => void;
}

/** Empty fields leave the choice to the workbook's Settings table, then to the defaults. */
export function SettingsForm({ value, problems, onSave }: SettingsFormProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const problem = (field: keyof PaneSettings) => problems.find((p) => p.field === field)?.message;
  const text = (field: keyof PaneSettings, label: string, hint: string, type: 'text' | 'date' = 'text') => (
    <Field label={label} hint={hint} validationMessage={problem(field)} validationState={problem(field) ? 'error' : 'none'}>
      <Input type={type} value={draft[field]} onChange={(_, d) => setDraft({ ...draft, [field]: d.value })} />
    </Field>
  );
  return (
    <form
      className={styles.form}
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      {text('asOf', 'As of', 'Empty: the Settings table, else today', 'date')}
      <div className={styles.pair}>
        {text('greenThreshold', 'Green at (%)', 'Default 95')}
        {text('amberThreshold', 'Amber at (%)', 'Default 80')}
      </div>
      <Field label="Default cadence" hint="For items without a Cadence" validationMessage={problem('defaultCadence')}>
        <Select value={draft.defaultCadence} onChange={(_, d) => setDraft({ ...draft, defaultCadence: d.value })}>
          <option value="">(workbook or monthly)</option>
          {CADENCE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.pair}>
        {text('graceDays', 'Grace days', 'Default 3')}
        {text('slipRedDays', 'Slip Red after (days)', 'Default 14')}
      </div>
      {text('slipAmberDays', 'Slip Amber after (days)', 'Default 0')}
      <Field label="Rollup">
        <Select value={draft.rollup} onChange={(_, d) => setDraft({ ...draft, rollup: d.value as PaneSettings['rollup'] })}>
          <option value="">(workbook or weighted)</option>
          <option value="weighted">weighted</option>
          <option value="worst">worst</option>
        </Select>
      </Field>
      <Button type="submit" appearance="secondary">
        Save settings
      </Button>
    </form>
  );
}
