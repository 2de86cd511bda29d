import { Body1, Button, Caption1, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ItemReport, WhatIfResult } from '../../engine/types';
import { formatMoney } from '../../engine/plan/columns';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface WhatIfPanelProps {
  items: ItemReport[];
  onRun: (id: string, days: number) => WhatIfResult | string;
}

export function WhatIfPanel({ items, onRun }: WhatIfPanelProps) {
  const styles = useStyles();
  const candidates = items.filter((i) => i.kind !== 'objective');
  const [id, setId] = useState(candidates[0]?.id ?? '');
  const [days, setDays] = useState('14');
  const [outcome, setOutcome] = useState<WhatIfResult | string | null>(null);
  const n = Number(days);
  const valid = id !== '' && Number.isInteger(n) && n > 0 && n <= 3650;
  return (
    <div className={styles.root}>
      <Caption1>Delay a KPI or initiative and see which objectives change health. Nothing is written.</Caption1>
      <Field label="Item">
        <Select value={id} onChange={(_, d) => setId(d.value)}>
          {candidates.map((i) => (
            <option key={i.id} value={i.id}>
              {i.id} · {i.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Delay (days)" validationMessage={valid ? undefined : 'A whole number of days, 1 or more.'}>
        <Input type="number" min={1} value={days} onChange={(_, d) => setDays(d.value)} />
      </Field>
      <Button disabled={!valid} onClick={() => setOutcome(onRun(id, n))}>
        Run what-if
      </Button>
      {typeof outcome === 'string' && <Body1 role="alert">{outcome}</Body1>}
      {outcome && typeof outcome === 'object' && (
        <Body1 role="status">
          {outcome.objectivesChanged.length === 0
            ? `A ${outcome.delay.days}-day slip of ${outcome.delay.id} changes no objective's health.`
            : `A ${outcome.delay.days}-day slip of ${outcome.delay.id} turns ${outcome.objectivesChanged
                .map((c) => `${c.id} ${c.from} → ${c.to}`)
                .join(', ')}; ${formatMoney(outcome.valueNewlyAtRisk)} newly at risk.`}
        </Body1>
      )}
    </div>
  );
}
