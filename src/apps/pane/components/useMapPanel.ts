// The impact map's state: where it starts, how much of it is shown, whether it is drawn or listed,
// and following the sheet's selection. MapPanel only renders what this holds.
import { describeError } from '../../../io/errors';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MapNode } from '../../../engine';
import { impactMap, mapCandidates, onlyChainThrough } from '../../../engine';
import { layoutMap } from '../../../present/layout';
import { useMoney } from '../money';
import { useWidth } from '../use-width';
import type { MapPanelProps } from './MapPanel.types';

/** A drawing past this many downstream items is neither readable nor quick to lay out in a pane. */
export const MOST_DOWNSTREAM = 200;

export function useMapPanel({
  report,
  links,
  start,
  onStart,
  onSelect,
  fromSelection,
  followSelection,
}: MapPanelProps) {
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
  const canvas = useStartInView(draw, placed?.nodes.find((n) => n.key === map?.start) ?? null);

  const pick = (id: string) => {
    setFocus(null);
    setChainOnly(false);
    setNote(null);
    onStart(id);
  };
  useFollowSelection(followSelection, following, setNote, (id) => {
    if (id && (!map || !map.nodes.some((n) => n.key === id))) pick(id);
  });

  const selectNode = (node: MapNode) => {
    if (node.kind === 'more') {
      setEverything(true);
      return;
    }
    setFocus(node.key);
    if (node.target) onSelect(node.target);
  };
  const fromSelectedRow =
    fromSelection &&
    (() =>
      void fromSelection().then(
        (id) => (id ? pick(id) : setNote('The selected cell is not on an objective, KPI or initiative row.')),
        (e: unknown) => setNote(`Could not read the selection: ${describeError(e)}`),
      ));
  const showWhole = () => {
    setFocus(null);
    setChainOnly(false);
  };

  return {
    frame,
    canvas,
    current,
    map,
    placed,
    risks,
    others,
    narrow,
    draw,
    focus,
    chainOnly,
    everything,
    note,
    following,
    setFollowing,
    setDrawing,
    setChainOnly,
    setEverything,
    pick,
    selectNode,
    fromSelectedRow,
    showWhole,
  };
}

export type MapPanelState = ReturnType<typeof useMapPanel>;

/**
 * Drawn in a frame narrower than the drawing, the map opens on the box it starts from, not on its
 * top-left corner: the frame scrolls (never the page) to centre that box.
 */
function useStartInView(draw: boolean, startBox: { x: number; y: number; width: number; height: number } | null) {
  const canvas = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = canvas.current;
    if (!draw || !box || !startBox) return;
    box.scrollLeft = Math.max(0, startBox.x + startBox.width / 2 - box.clientWidth / 2);
    box.scrollTop = Math.max(0, startBox.y + startBox.height / 2 - box.clientHeight / 2);
  }, [draw, startBox]);
  return canvas;
}

/**
 * While following, a click on another item's row in the sheet redraws the map from it. A click on
 * a box here also moves the selection, to a row already on the map: that keeps the map as it is.
 */
function useFollowSelection(
  followSelection: MapPanelProps['followSelection'],
  following: boolean,
  setNote: (note: string) => void,
  onItem: (id: string | null) => void,
) {
  const onSheetItem = useRef<(id: string | null) => void>(() => undefined);
  onSheetItem.current = onItem;
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
  }, [followSelection, following, setNote]);
}
