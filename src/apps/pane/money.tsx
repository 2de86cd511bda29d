// Money in the pane: one compact style everywhere ("$12.5M"), the exact figure on hover and read out
// by screen readers. The format comes from the workbook (see engine/money.ts) and the reader's locale.
import { createContext, useContext } from 'react';
import { makeStyles } from '@fluentui/react-components';
import { moneyFormatter, type MoneyFormatter } from '../../engine';

export const MoneyContext = createContext<MoneyFormatter>(moneyFormatter(null));

export const useMoney = () => useContext(MoneyContext);

export const useHiddenStyles = makeStyles({
  // Read by screen readers, not drawn: the usual visually-hidden pattern.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

export function Money({ value, className }: { value: number; className?: string }) {
  const money = useMoney();
  const styles = useHiddenStyles();
  const compact = money.compact(value);
  const exact = money.exact(value);
  return (
    <span className={className} title={exact} data-money={value}>
      {compact}
      {exact !== compact && <span className={styles.hidden}> ({exact})</span>}
    </span>
  );
}
