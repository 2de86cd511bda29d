import { Body1, Caption1, Card, Link, makeStyles, tokens } from '@fluentui/react-components';
import { mailtoLink, type OwnerToChase } from '../../engine/chase';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingVerticalS, gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Who to chase for what; each owner gets a prepared e-mail (a mailto: link, nothing is sent by the add-in). */
export function OwnersPanel({ owners }: { owners: OwnerToChase[] }) {
  const styles = useStyles();
  if (owners.length === 0) return <Body1>No owner needs chasing: nothing is stale or flagged.</Body1>;
  return (
    <section className={styles.root} aria-label="Owners to chase">
      {owners.map((o) => (
        <Card key={o.owner} className={styles.card}>
          <Body1>
            <strong>{o.owner}</strong> · {o.items.length} item{o.items.length === 1 ? '' : 's'}
          </Body1>
          <ul className={styles.list}>
            {o.items.map((i) => (
              <li key={i.id}>
                <Caption1>
                  {i.id} · {i.name}: {i.asks.join('; ')}
                </Caption1>
              </li>
            ))}
          </ul>
          <Link href={mailtoLink(o)} aria-label={`E-mail ${o.owner}`}>
            Compose e-mail
          </Link>
        </Card>
      ))}
    </section>
  );
}
