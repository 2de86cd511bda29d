import { Caption1, Subtitle2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ImpactMap, MapEdge, MapNode } from '../../../engine';
import { chainThrough } from '../../../engine';
import { HealthBadge } from './SummaryCards';
import { useEntryStyles } from './entry-styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  via: { color: tokens.colorNeutralForeground2 },
  dim: { opacity: 0.55 },
  stream: {
    padding: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
    cursor: 'default',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1 },
  },
});

interface Step {
  node: MapNode;
  /** The arrow that first reached it from the start. */
  via: MapEdge | null;
}

/** Nodes in the order a reader follows the chain: breadth first from the start along the arrows. */
export function chainSteps(map: ImpactMap): Step[] {
  const nodes = new Map(map.nodes.map((n) => [n.key, n]));
  const out = new Map<string, MapEdge[]>();
  for (const e of map.edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const steps: Step[] = [];
  const seen = new Set([map.start]);
  const queue: Step[] = [{ node: nodes.get(map.start)!, via: null }];
  while (queue.length > 0) {
    const step = queue.shift()!;
    steps.push(step);
    for (const e of out.get(step.node.key) ?? []) {
      if (seen.has(e.to) || !nodes.has(e.to)) continue;
      seen.add(e.to);
      queue.push({ node: nodes.get(e.to)!, via: e });
    }
  }
  for (const n of map.nodes) if (!seen.has(n.key)) steps.push({ node: n, via: null });
  return steps;
}

function viaText(step: Step, label: (key: string) => string): string | null {
  const e = step.via;
  if (!e) return null;
  if (e.kind === 'dependency') return `waits on ${label(e.from)}${e.label ? ` (${e.label})` : ''}`;
  if (e.kind === 'stream') return `revenue of ${label(e.from)}`;
  return `${label(e.from)} serves it${e.label ? ` (${e.label} late)` : ''}`;
}

const SECTIONS: { title: string; kinds: MapNode['kind'][] }[] = [
  { title: 'What waits on it', kinds: ['kpi', 'initiative', 'more'] },
  { title: 'Objectives it reaches', kinds: ['objective'] },
  { title: 'Revenue streams', kinds: ['stream'] },
];

/** The impact map as a text chain for a narrow pane: every box of the drawing, top to bottom, with why it is there. */
export function MapChain({
  map,
  focus,
  onSelect,
}: {
  map: ImpactMap;
  focus: string | null;
  onSelect: (node: MapNode) => void;
}) {
  const styles = { ...useEntryStyles(), ...useStyles() };
  const steps = chainSteps(map);
  const lit = focus ? chainThrough(map, focus) : null;
  const id = (key: string) => key.replace(/^stream:/, '');
  const [start, ...rest] = steps;
  const entry = (step: Step) => {
    const via = viaText(step, id);
    const dim = lit !== null && !lit.nodes.has(step.node.key);
    const clickable = step.node.kind === 'more' || step.node.target !== null;
    const body = (
      <>
        <span className={styles.head}>
          {step.node.health && <HealthBadge health={step.node.health} />}
          <span>{step.node.kind === 'more' ? `Show ${step.node.label}` : step.node.label}</span>
        </span>
        {step.node.detail && <Caption1>{step.node.detail}</Caption1>}
        {via && <Caption1 className={styles.via}>{via}</Caption1>}
      </>
    );
    return (
      <li key={step.node.key} data-chain-node={step.node.key} className={mergeClasses(dim && styles.dim)}>
        {clickable ? (
          <button type="button" className={styles.entry} onClick={() => onSelect(step.node)}>
            {body}
          </button>
        ) : (
          <div className={mergeClasses(styles.entry, styles.stream)}>{body}</div>
        )}
      </li>
    );
  };
  return (
    <div className={styles.root} role="group" aria-label={`Impact chain of ${start.node.label}`} data-map={map.start}>
      <ul className={styles.list}>{entry(start)}</ul>
      {SECTIONS.map((section) => {
        const list = rest.filter((s) => section.kinds.includes(s.node.kind));
        if (list.length === 0) return null;
        return (
          <div key={section.title}>
            <Subtitle2 as="h3">
              {section.title} ({list.length})
            </Subtitle2>
            <ul className={styles.list}>{list.map(entry)}</ul>
          </div>
        );
      })}
    </div>
  );
}
