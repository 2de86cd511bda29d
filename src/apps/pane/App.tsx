import { MessageBar, MessageBarBody, Tab, TabList, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Health, SheetLink } from '../../engine';
import { lastCheckIns, topRisks } from '../../engine';
import { moneyFormatter } from '../../engine';
import { ownersToChase } from '../../engine';
import type { PaneHost } from './host';
import { FILTER_TITLES, reviewModel, type FilterKey } from './review';
import { usePane } from './usePane';
import { MoneyContext } from './money';
import { RefreshBar } from './components/RefreshBar';
import { SummaryCards } from './components/SummaryCards';
import { TopRisks } from './components/TopRisks';
import { ObjectiveList, type ObjectiveRow } from './components/ObjectiveList';
import { ReviewList } from './components/ReviewList';
import { SettingsForm } from './components/SettingsForm';
import { WhatIfPanel } from './components/WhatIfPanel';
import { GetStarted } from './components/GetStarted';
import { OwnersPanel } from './components/OwnersPanel';
import { MapPanel } from './components/MapPanel';
import { ChangesPanel } from './components/ChangesPanel';
import { ChartsPanel } from './components/ChartsPanel';
import { PortfolioPanel } from './components/PortfolioPanel';
import { originReader } from './teams/origin';
import { itemAtCell } from './selection';
import { downloadStatusReport } from './status-report';
import { BarTitle } from './components/BarTitle';
import { SetBaseline } from './components/SetBaseline';
import { BaselineChanges } from './components/BaselineChanges';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    minWidth: 0,
    maxWidth: '100%',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  tabs: { flexWrap: 'wrap' },
  panel: { minWidth: 0 },
});

type TabKey = 'review' | 'changes' | 'map' | 'charts' | 'owners' | 'whatif' | 'settings' | 'start';

export interface AppProps {
  host: PaneHost;
  /** Controls a host adds above Refresh (the browser page's file picker). */
  toolbar?: ReactNode;
  /** Called with the target whenever a review entry is chosen (the browser page scrolls its preview). */
  onSelect?: (target: { sheet: string; cell: string }) => void;
  /** Content a host shows below the pane. */
  children?: ReactNode;
  /** Gets hold of the Refresh button, so a host can put focus there (after opening a file). */
  refreshRef?: React.Ref<HTMLButtonElement>;
}

export function App({ host, toolbar, onSelect, children, refreshRef }: AppProps) {
  const styles = useStyles();
  const pane = usePane(host);
  const { state } = pane;
  const [tab, setTab] = useState<TabKey>('review');
  const [filter, setFilter] = useState<FilterKey>('all');
  const [shownHealth, setShownHealth] = useState<Health | null>(null);
  const [mapStart, setMapStart] = useState<string | null>(null);
  const ownRef = useRef<HTMLButtonElement>(null);
  const healthButtons = useRef(new Map<Health, HTMLButtonElement>());
  const reviewList = useRef<HTMLElement>(null);
  // Bumped by a summary card: the review list, far below at pane width, is brought into view and focused once drawn.
  const [toReview, setToReview] = useState(0);
  const result = state.result && state.phase !== 'stopped' ? state.result : null;
  const review = useMemo(
    () => (result ? reviewModel(result.report, result.links, result.plan?.risks.sheetName) : null),
    [result],
  );
  const owners = useMemo(() => (result ? ownersToChase(result.report) : []), [result]);
  const risks = useMemo(() => (result ? topRisks(result.report.items) : []), [result]);
  const money = useMemo(() => moneyFormatter(state.money, host.locale), [state.money, host.locale]);
  const home = host.portfolio?.home ?? null;
  const origin = useMemo(() => originReader(state.portfolio?.views, home), [state.portfolio, home]);
  const unread = state.portfolio?.views.teams.filter((t) => t.unavailable !== null) ?? [];
  const objectives = useMemo((): ObjectiveRow[] => {
    if (!result || !shownHealth) return [];
    const latest = lastCheckIns(result.links);
    return result.report.items
      .filter((i) => i.kind === 'objective' && i.health === shownHealth)
      .map((item) => ({
        item,
        due: result.links.dates.get(item.id)?.due ?? null,
        lastCheckIn: latest.get(item.id) ?? null,
        target: result.links.cells.get(item.id),
      }));
  }, [result, shownHealth]);

  const select = (target: SheetLink) => {
    onSelect?.(target);
    void pane.select(target);
  };
  const selectItem = (target: SheetLink, itemId: string | null) => {
    if (itemId) setMapStart(itemId);
    select(target);
  };
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
  const download = result
    ? () =>
        void downloadStatusReport(result, host.source?.() ?? 'workbook', host.today(), state.portfolio?.views).catch(
          (e: unknown) => pane.notify(`The report could not be made: ${e instanceof Error ? e.message : String(e)}`),
        )
    : undefined;
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
  const closeObjectives = () => {
    const opener = shownHealth && healthButtons.current.get(shownHealth);
    setShownHealth(null);
    // The list goes away under the keyboard: back to the health count that opened it.
    opener?.focus();
  };
  const canBuild = Boolean(host.createStarterSheets || host.insertExample);
  const running = state.phase === 'running';

  return (
    <MoneyContext.Provider value={money}>
      <main className={styles.root}>
        <Title3 as="h1">Throughline</Title3>
        {toolbar}
        <RefreshBar
          ref={refreshRef ?? ownRef}
          running={running}
          disabled={!host.port || !state.ready}
          stage={state.stage}
          progress={state.progress}
          asOf={result?.report.asOf ?? null}
          onRefresh={() => void pane.refresh()}
          onCancel={state.stage !== 'writing' ? pane.cancel : undefined}
        />
        <SetBaseline
          disabled={!host.port || !state.ready || running}
          asOf={result?.report.asOf ?? null}
          current={result?.report.baseline ?? null}
          onSet={(label) => void pane.refresh(label)}
        />
        {state.error && (
          <MessageBar intent="error">
            <MessageBarBody>
              <BarTitle>Refresh failed</BarTitle>
              {state.error} Nothing was written.
            </MessageBarBody>
          </MessageBar>
        )}
        {state.phase === 'stopped' && state.result && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <BarTitle>Nothing was written</BarTitle>
              {state.result.fatal.map((e) => e.message).join(' ')}
            </MessageBarBody>
          </MessageBar>
        )}
        {state.notice && !state.error && (
          <MessageBar intent="info">
            <MessageBarBody>{state.notice}</MessageBarBody>
          </MessageBar>
        )}
        {unread.length > 0 && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <BarTitle>
                {unread.length} of {state.portfolio!.views.teams.length} workbooks not read
              </BarTitle>
              {unread.map((t) => t.info.label).join(', ')}: their items are missing from this refresh, and what depends
              on them says so (see Workbooks).
            </MessageBarBody>
          </MessageBar>
        )}
        {result && review && (
          <SummaryCards
            summary={result.report.summary}
            review={review}
            shown={shownHealth}
            onShowHealth={setShownHealth}
            onReview={showReview}
            healthButtonRef={(h, el) => {
              if (el) healthButtons.current.set(h, el);
              else healthButtons.current.delete(h);
            }}
          />
        )}
        {result && shownHealth && (
          <ObjectiveList health={shownHealth} rows={objectives} onSelect={selectItem} onClose={closeObjectives} />
        )}
        {result && (
          <TopRisks
            risks={risks}
            asOf={result.report.asOf}
            targetOf={(id) => result.links.cells.get(id)}
            onSelect={selectItem}
            origin={origin}
          />
        )}
        {state.portfolio && <PortfolioPanel views={state.portfolio.views} notes={state.portfolio.notes} home={home} />}
        {!state.result && state.phase === 'idle' && (
          <GetStarted
            onStarter={host.createStarterSheets && (() => void pane.createStarterSheets())}
            onExample={host.insertExample && (() => void pane.insertExample())}
            replaces={host.replaces}
            portfolio={Boolean(host.portfolio)}
          />
        )}
        <TabList
          className={styles.tabs}
          selectedValue={tab}
          onTabSelect={(_, d) => setTab(d.value as TabKey)}
          aria-label="Sections"
          size="small"
        >
          <Tab value="review">Review</Tab>
          <Tab value="changes">Changes</Tab>
          <Tab value="map">Map</Tab>
          <Tab value="charts">Charts</Tab>
          <Tab value="owners">Owners</Tab>
          <Tab value="whatif">What-if</Tab>
          <Tab value="settings">Settings</Tab>
          {canBuild && <Tab value="start">Get started</Tab>}
        </TabList>
        <div className={styles.panel} role="tabpanel" aria-label={TAB_TITLES[tab]}>
          {tab === 'review' &&
            (result && review ? (
              <ReviewList
                ref={reviewList}
                model={review}
                filter={filter}
                onFilter={setFilter}
                onSelect={selectItem}
                origin={origin}
              />
            ) : (
              <span>Refresh to see what needs attention.</span>
            ))}
          {tab === 'changes' &&
            (result ? (
              <>
                <ChangesPanel
                  changes={result.changes}
                  targetOf={(id) => result.links.cells.get(id)}
                  onSelect={select}
                />
                <BaselineChanges
                  report={result.report}
                  targetOf={(id) => result.links.cells.get(id)}
                  onSelect={select}
                />
              </>
            ) : (
              <span>Refresh to see what changed.</span>
            ))}
          {tab === 'map' &&
            (result ? (
              <MapPanel
                report={result.report}
                links={result.links}
                start={mapStart}
                onStart={setMapStart}
                onSelect={select}
                fromSelection={fromSelection}
                followSelection={followSelection}
              />
            ) : (
              <span>Refresh to map what each risk reaches.</span>
            ))}
          {tab === 'charts' &&
            (result ? (
              <ChartsPanel report={result.report} links={result.links} trends={result.trends} onDownload={download} />
            ) : (
              <span>Refresh to see the charts.</span>
            ))}
          {tab === 'owners' && (result ? <OwnersPanel owners={owners} /> : <span>Refresh to see whom to chase.</span>)}
          {tab === 'whatif' && <WhatIfPanel items={state.result?.report.items ?? []} onRun={pane.whatIf} />}
          {tab === 'settings' && (
            <SettingsForm
              mode={host.mode}
              value={state.settings}
              inUse={state.result ? { settings: state.result.settings, workbook: state.result.workbookSettings } : null}
              onSave={pane.saveSettings}
            />
          )}
          {tab === 'start' && (
            <GetStarted
              onStarter={host.createStarterSheets && (() => void pane.createStarterSheets())}
              onExample={host.insertExample && (() => void pane.insertExample())}
              replaces={host.replaces}
              portfolio={Boolean(host.portfolio)}
            />
          )}
        </div>
        {children}
      </main>
    </MoneyContext.Provider>
  );
}

const TAB_TITLES: Readonly<Record<TabKey, string>> = {
  review: 'Review',
  changes: 'Changes',
  map: 'Map',
  charts: 'Charts',
  owners: 'Owners',
  whatif: 'What-if',
  settings: 'Settings',
  start: 'Get started',
};
