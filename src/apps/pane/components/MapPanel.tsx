import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Caption1, Field, Select, Switch, makeStyles, tokens } from '@fluentui/react-components';
import type { ItemReport, Report, SheetLink } from '../../../engine';
import type { ItemLinks } from '../../../engine';
import { impactMap, mapCandidates, onlyChainThrough } from '../../../engine';
import { layoutMap } from '../../../present/layout';
import { ImpactMapSvg } from '../../../present/ImpactMapSvg';
import { MapChain } from './MapChain';
import { useMoney } from '../money';
import { useWidth } from '../use-width';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  select: { width: '100%', maxWidth: '100%', minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  // The drawing follows the theme: its arrows and frame use the text colour, the boxes their health fill.
  canvas: {
    overflow: 'auto',
    maxHeight: '520px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground2,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

export interface MapPanelProps {
  report: Report;
  links: ItemLinks;
  /** The item the map starts from; null picks the worst risk. */
  start: string | null;
  onStart: (id: string) => void;
  onSelect: (target: SheetLink) => void;
  /** The item on the row selected in the sheet; absent where there is no sheet selection. */
  fromSelection?: () => Promise<string | null>;
  /** Calls back with the item on each newly selected row (null off item rows); resolves to how to stop. */
  followSelection?: (onItem: (id: string | null) => void) => Promise<() => void>;
}

/** A drawing past this many downstream items is neither readable nor quick to lay out in a pane. */
export const MOST_DOWNSTREAM = 200;

const option = (i: ItemReport) => `${i.id} · ${i.name} (${i.health})`;

/** The chain from one item through its downstreams to the objectives and revenue streams it reaches. */
export function MapPanel({ report, links, start, onStart, onSelect, fromSelection, followSelection }: MapPanelProps) {
  const styles = useStyles();
  const [everything, setEverything] = useState(false);
  const [focus, setFocus] = useState<string | null>(null);
  const [chainOnly, setChainOnly] = useState(false);
  const [drawing, setDrawing] = useState<boolean | null>(null);
  const money = useMoney();
  const [frame, width] = useWidth<HTMLElement>(300);
  const [following, setFollowing] = useState(true);
  const [note, setNote] = useState<string | null>(null);
  const items = useMemo(() => new Map(report.items.map((i) => [i.id, i])), [report]);
  const risks = useMemo(() => mapCandidates(report.items), [report]);
  const others = useMemo(() => {
    const listed = new Set(risks);
    return report.items.filter((i) => !listed.has(i));
  }, [report, risks]);
  const current = start !== null && items.has(start) ? start : (risks[0]?.id ?? report.items[0]?.id ?? null);
  const whole = useMemo(
    () =>
      current === null
        ? null
        : impactMap(items, links, current, {
            money: money.compact,
            ...(everything ? { maxDownstream: MOST_DOWNSTREAM } : {}),
          }),
    [items, links, current, everything, money],
  );
  const map = useMemo(
    () =>
      whole && focus && chainOnly && whole.nodes.some((n) => n.key === focus) ? onlyChainThrough(whole, focus) : whole,
    [whole, focus, chainOnly],
  );
  const wide = useMemo(() => (map ? layoutMap(map, 'LR') : null), [map]);
  // In a pane too narrow for the left-to-right drawing, the chain reads as a list; drawn on request, top to bottom.
  const narrow = wide !== null && wide.width > width;
  const draw = drawing ?? !narrow;
  const placed = useMemo(() => (map && wide ? (narrow ? layoutMap(map, 'TB') : wide) : null), [map, wide, narrow]);

  // Drawn in a frame narrower than the drawing, the map opens on the box it starts from, not on its
  // top-left corner: the frame scrolls (never the page) to centre that box.
  const canvas = useRef<HTMLDivElement>(null);
  const startBox = placed?.nodes.find((n) => n.key === map?.start) ?? null;
  useEffect(() => {
    const box = canvas.current;
    if (!draw || !box || !startBox) return;
    box.scrollLeft = Math.max(0, startBox.x + startBox.width / 2 - box.clientWidth / 2);
    box.scrollTop = Math.max(0, startBox.y + startBox.height / 2 - box.clientHeight / 2);
  }, [draw, startBox]);

  const pick = (id: string) => {
    setFocus(null);
    setChainOnly(false);
    setNote(null);
    onStart(id);
  };

  // While following, a click on another item's row in the sheet redraws the map from it. A click on
  // a box here also moves the selection, to a row already on the map: that keeps the map as it is.
  const onSheetItem = useRef<(id: string | null) => void>(() => undefined);
  onSheetItem.current = (id) => {
    if (id && (!map || !map.nodes.some((n) => n.key === id))) pick(id);
  };
  useEffect(() => {
    if (!followSelection || !following) return undefined;
    let stop: (() => void) | null = null;
    let live = true;
    followSelection((id) => live && onSheetItem.current(id)).then(
      (s) => (live ? (stop = s) : s()),
      () => live && setNote('The sheet’s selection cannot be followed here; use the button instead.'),
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [followSelection, following]);

  if (current === null || map === null || placed === null) return <Caption1>Nothing to map yet.</Caption1>;
  const selectNode = (node: (typeof map.nodes)[number]) => {
    if (node.kind === 'more') {
      setEverything(true);
      return;
    }
    setFocus(node.key);
    if (node.target) onSelect(node.target);
  };
  return (
    <section className={styles.root} aria-label="Impact map" ref={frame}>
      <Field label="Start from">
        <Select
          value={current}
          onChange={(_, d) => pick(d.value)}
          className={styles.select}
          select={{ className: styles.select }}
        >
          {risks.length > 0 && (
            <optgroup label="Needs attention">
              {risks.map((i) => (
                <option key={i.id} value={i.id}>
                  {option(i)}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Everything else">
            {others.map((i) => (
              <option key={i.id} value={i.id}>
                {option(i)}
              </option>
            ))}
          </optgroup>
        </Select>
      </Field>
      <div className={styles.row}>
        {fromSelection && (
          <Button
            size="small"
            onClick={() =>
              void fromSelection().then(
                (id) => (id ? pick(id) : setNote('The selected cell is not on an objective, KPI or initiative row.')),
                (e: unknown) => setNote(`Could not read the selection: ${e instanceof Error ? e.message : String(e)}`),
              )
            }
          >
            Use the selected row
          </Button>
        )}
        {focus && (
          <Button
            size="small"
            appearance="subtle"
            onClick={() => {
              setFocus(null);
              setChainOnly(false);
            }}
          >
            Show the whole map
          </Button>
        )}
        {focus && !chainOnly && (
          <Button size="small" appearance="subtle" onClick={() => setChainOnly(true)}>
            Only this chain
          </Button>
        )}
        {narrow && <Switch checked={draw} onChange={(_, d) => setDrawing(d.checked)} label="Draw the map" />}
        {followSelection && (
          <Switch checked={following} onChange={(_, d) => setFollowing(d.checked)} label="Follow the selection" />
        )}
        {(map.hidden > 0 || everything) && (
          <Switch
            checked={everything}
            onChange={(_, d) => setEverything(d.checked)}
            label={
              everything
                ? map.hidden > 0
                  ? `Up to ${MOST_DOWNSTREAM} downstream (${map.hidden} more hidden)`
                  : 'Everything downstream'
                : `${map.hidden} more downstream hidden`
            }
          />
        )}
      </div>
      {note && <Caption1 role="status">{note}</Caption1>}
      {draw ? (
        <>
          <Caption1>
            {narrow ? 'Top to bottom' : 'Left to right'}: what depends on it, then the objectives and revenue streams it
            reaches. Labels on arrows are days of slip. Click a box to go to its row and light its chain.
          </Caption1>
          <div
            ref={canvas}
            className={styles.canvas}
            tabIndex={0}
            role="region"
            aria-label="Impact map drawing (scrolls)"
          >
            <ImpactMapSvg map={map} placed={placed} idPrefix="pane-map" focus={focus} onSelect={selectNode} />
          </div>
        </>
      ) : (
        <MapChain map={map} focus={focus} onSelect={selectNode} />
      )}
    </section>
  );
}
