import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Select,
  makeStyles,
  tokens,
  useAnnounce,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ItemReport, WhatIfResult } from '../../../engine';
import { useMoney } from '../money';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  control: { width: '100%', minWidth: 0, maxWidth: '100%' },
  outcome: { overflowWrap: 'anywhere' },
});

export interface WhatIfPanelProps {
  items: ItemReport[];
  onRun: (id: string, days: number) => Promise<WhatIfResult | string>;
}

export function WhatIfPanel({ items, onRun }: WhatIfPanelProps) {
  const styles = useStyles();
  const money = useMoney();
  const { announce } = useAnnounce();
  const candidates = items.filter((i) => i.kind !== 'objective');
  const [id, setId] = useState(candidates[0]?.id ?? '');
  const [days, setDays] = useState('14');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const n = Number(days);
  const valid = id !== '' && Number.isInteger(n) && n > 0 && n <= 3650;
  const describe = (r: WhatIfResult | string) =>
    typeof r === 'string'
      ? r
      : r.objectivesChanged.length === 0
        ? `A ${r.delay.days}-day slip of ${r.delay.id} changes no objective's health.`
        : `A ${r.delay.days}-day slip of ${r.delay.id} turns ` +
          `${r.objectivesChanged.map((c) => `${c.id} ${c.from} → ${c.to}`).join(', ')}; ` +
          `${money.compact(r.valueNewlyAtRisk)} (${money.exact(r.valueNewlyAtRisk)}) newly at risk.`;
  const run = async () => {
    setBusy(true);
    try {
      const text = describe(await onRun(id, n));
      setOutcome(text);
      announce(text, { polite: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.root}>
      <Caption1>Delay a KPI or initiative and see which objectives change health. Nothing is written.</Caption1>
      {candidates.length === 0 ? (
        <Body1>Refresh first: the what-if runs on the items the last refresh read.</Body1>
      ) : (
        <>
          <Field label="Item">
            <Select
              className={styles.control}
              select={{ className: styles.control }}
              value={id}
              onChange={(_, d) => setId(d.value)}
            >
              {candidates.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.id} · {i.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Delay (days)"
            validationState={valid ? 'none' : 'error'}
            validationMessage={valid ? undefined : { children: 'A whole number of days, 1 or more.', role: undefined }}
          >
            <Input
              className={styles.control}
              type="number"
              min={1}
              value={days}
              onChange={(_, d) => setDays(d.value)}
            />
          </Field>
          <Button disabled={!valid} disabledFocusable={busy} onClick={() => void run()}>
            {busy ? 'Running…' : 'Run what-if'}
          </Button>
        </>
      )}
      {outcome && (
        <Body1 className={styles.outcome} data-testid="what-if-outcome">
          {outcome}
        </Body1>
      )}
    </div>
  );
}
