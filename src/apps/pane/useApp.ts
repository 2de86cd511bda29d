// The pane's view state over usePane: which section and filter are shown, which health's objectives
// are open, where the map starts, and what the last refresh's result looks like in each section.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Health, SheetLink } from '../../engine';
import { lastCheckIns, moneyFormatter } from '../../engine';
import { derivedOf } from './derived';
import type { PaneHost } from './host';
import { FILTER_TITLES, type FilterKey, type ReviewModel } from './review';
import { usePane, type PaneState } from './usePane';
import { originReader } from './teams/origin';
import { itemAtCell } from './selection';
import { downloadStatusReport } from './status-report';
import { downloadBoardPack } from './board-pack';
import { describeError } from '../../io/errors';
import type { ObjectiveRow } from './components/ObjectiveList';
import type { GetStartedProps } from './components/GetStarted';

export type TabKey =
  'review' | 'dependencies' | 'changes' | 'map' | 'charts' | 'owners' | 'whatif' | 'settings' | 'start';

/** The last refresh's result while it stands (a stopped refresh shows none). */
const shownResult = (state: PaneState) => (state.result && state.phase !== 'stopped' ? state.result : null);

export function useApp(host: PaneHost, onSelect?: (target: { sheet: string; cell: string }) => void) {
  const pane = usePane(host);
  const { state } = pane;
  const [tab, setTab] = useState<TabKey>('review');
  const [filter, setFilter] = useState<FilterKey>('all');
  const [shownHealth, setShownHealth] = useState<Health | null>(null);
  const [mapStart, setMapStart] = useState<string | null>(null);
  const ownRef = useRef<HTMLButtonElement>(null);
  const healthButtons = useRef(new Map<Health, HTMLButtonElement>());
  const result = shownResult(state);
  // Made before the result was shown, a slice per task (derived.ts); looked up here.
  const derived = useMemo(() => (result ? derivedOf(result) : null), [result]);
  const review = derived?.review ?? null;
  const owners = derived?.owners ?? [];
  const risks = derived?.risks ?? [];
  const money = useMemo(() => moneyFormatter(state.money, host.locale), [state.money, host.locale]);
  const home = host.portfolio?.home ?? null;
  const origin = useMemo(() => originReader(state.portfolio?.views, home), [state.portfolio, home]);
  const objectives = useMemo(
    (): ObjectiveRow[] => (result && shownHealth ? objectiveRows(result, shownHealth) : []),
    [result, shownHealth],
  );
  const { fromSelection, followSelection } = useSheetSelection(host, result);

  const select = (target: SheetLink) => {
    onSelect?.(target);
    void pane.select(target);
  };
  const selectItem = (target: SheetLink, itemId: string | null) => {
    if (itemId) setMapStart(itemId);
    select(target);
  };
  const download = result
    ? () =>
        void downloadStatusReport(result, host.source?.() ?? 'workbook', host.today(), state.portfolio?.views).catch(
          (e: unknown) => pane.notify(`The report could not be made: ${describeError(e)}`),
        )
    : undefined;
  const downloadDeck = result
    ? () =>
        downloadBoardPack({
          result,
          source: host.source?.() ?? 'workbook',
          today: host.today(),
          money: state.money,
          locale: host.locale,
          portfolio: state.portfolio?.views,
        }).catch((e: unknown) => pane.notify(`The board pack could not be made: ${describeError(e)}`))
    : undefined;
  const { reviewList, showReview } = useShowReview(pane, review, setFilter, setTab);
  const closeObjectives = () => {
    const opener = shownHealth && healthButtons.current.get(shownHealth);
    setShownHealth(null);
    // The list goes away under the keyboard: back to the health count that opened it.
    opener?.focus();
  };
  const healthButtonRef = (h: Health, el: HTMLButtonElement | null) => {
    if (el) healthButtons.current.set(h, el);
    else healthButtons.current.delete(h);
  };
  const getStarted: GetStartedProps = {
    onStarter: host.createStarterSheets && (() => void pane.createStarterSheets()),
    onExample: host.insertExample && (() => void pane.insertExample()),
    replaces: host.replaces,
    portfolio: Boolean(host.portfolio),
  };

  return {
    pane,
    state,
    result,
    review,
    owners,
    risks,
    money,
    home,
    origin,
    objectives,
    tab,
    setTab,
    filter,
    setFilter,
    shownHealth,
    setShownHealth,
    mapStart,
    setMapStart,
    ownRef,
    reviewList,
    fromSelection,
    followSelection,
    select,
    selectItem,
    download,
    downloadDeck,
    showReview,
    closeObjectives,
    healthButtonRef,
    getStarted,
    canBuild: Boolean(host.createStarterSheets || host.insertExample),
  };
}

export type AppModel = ReturnType<typeof useApp>;

type ShownResult = NonNullable<ReturnType<typeof shownResult>>;

/** The objectives of one health, with their due date, last check-in and cell. */
function objectiveRows(result: ShownResult, health: Health): ObjectiveRow[] {
  const latest = lastCheckIns(result.links);
  return result.report.items
    .filter((i) => i.kind === 'objective' && i.health === health)
    .map((item) => ({
      item,
      due: result.links.dates.get(item.id)?.due ?? null,
      lastCheckIn: latest.get(item.id) ?? null,
      target: result.links.cells.get(item.id),
    }));
}

/** The item on the sheet's selected row, and following each new selection, where the host's port can. */
function useSheetSelection(host: PaneHost, result: ShownResult | null) {
  const port = host.port;
  const fromSelection =
    port?.activeCell && result ? async () => itemAtCell(result.report, await port.activeCell!()) : undefined;
  const followSelection = useMemo(
    () =>
      port?.watchSelection && result
        ? (onItem: (id: string | null) => void) =>
            port.watchSelection!((cell) => onItem(itemAtCell(result.report, cell)))
        : undefined,
    [port, result],
  );
  return { fromSelection, followSelection };
}

/**
 * A summary card's way to the review list it filters: far below at pane width, the list is brought
 * into view and focused once drawn, and what it holds is announced.
 */
function useShowReview(
  pane: ReturnType<typeof usePane>,
  review: ReviewModel | null,
  setFilter: (f: FilterKey) => void,
  setTab: (t: TabKey) => void,
) {
  const reviewList = useRef<HTMLElement>(null);
  // Bumped by a summary card, so the effect runs once the list is drawn.
  const [toReview, setToReview] = useState(0);
  useEffect(() => {
    const list = reviewList.current;
    if (toReview === 0 || !list) return;
    list.scrollIntoView?.({ block: 'start' });
    list.focus({ preventScroll: true });
  }, [toReview]);
  const showReview = (f: FilterKey) => {
    setFilter(f);
    setTab('review');
    setToReview((n) => n + 1);
    if (review)
      pane.announce(
        `Review list: ${FILTER_TITLES[f]}, ${review.counts[f]} ${review.counts[f] === 1 ? 'entry' : 'entries'}.`,
        { polite: true },
      );
  };
  return { reviewList, showReview };
}
