import { Body1, Caption1, Card, Link, makeStyles, tokens } from '@fluentui/react-components';
import { mailtoLink, type OwnerToChase } from '../../../engine';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  card: { padding: tokens.spacingVerticalS, gap: tokens.spacingVerticalXS, overflowWrap: 'anywhere' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Past these, a list belongs in the Risks sheet's filter (the e-mail itself still carries every item). */
const MOST_OWNERS = 50;
const MOST_ITEMS = 10;

/** Who to chase for what; each owner gets a prepared e-mail (a mailto: link, nothing is sent by the add-in). */
export function OwnersPanel({ owners }: { owners: OwnerToChase[] }) {
  const styles = useStyles();
  if (owners.length === 0) return <Body1>No owner needs chasing: nothing is stale or flagged.</Body1>;
  return (
    <section className={styles.root} aria-label="Owners to chase">
      {owners.slice(0, MOST_OWNERS).map((o) => (
        <Card key={o.owner} className={styles.card}>
          <Body1>
            <strong>{o.owner}</strong> · {o.items.length} item{o.items.length === 1 ? '' : 's'}
          </Body1>
          <ul className={styles.list}>
            {o.items.slice(0, MOST_ITEMS).map((i) => (
              <li key={i.id}>
                <Caption1>
                  {i.id} · {i.name}: {i.asks.join('; ')}
                </Caption1>
              </li>
            ))}
          </ul>
          {o.items.length > MOST_ITEMS && (
            <Caption1>and {o.items.length - MOST_ITEMS} more, all in the e-mail.</Caption1>
          )}
          <Link href={mailtoLink(o)}>E-mail {o.owner}</Link>
        </Card>
      ))}
      {owners.length > MOST_OWNERS && (
        <Caption1>and {owners.length - MOST_OWNERS} more owners: the Risks sheet’s Owner column lists them.</Caption1>
      )}
    </section>
  );
}
