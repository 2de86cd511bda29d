import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState, type ReactNode } from 'react';
import type { PaneHost } from './host';
import { reviewGroups } from './review';
import { usePane } from './usePane';
import { RefreshBar } from './components/RefreshBar';
import { SummaryCards } from './components/SummaryCards';
import { ReviewList } from './components/ReviewList';
import { SettingsForm } from './components/SettingsForm';
import { WhatIfPanel } from './components/WhatIfPanel';
import { GetStarted } from './components/GetStarted';
import { OwnersPanel } from './components/OwnersPanel';
import { ownersToChase } from '../engine/chase';
import { MapPanel } from './components/MapPanel';
import { ChangesPanel } from './components/ChangesPanel';
import { ChartsPanel } from './components/ChartsPanel';
import { itemAtCell } from './selection';
import { downloadStatusReport } from './status-report';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});

type TabKey = 'review' | 'changes' | 'map' | 'charts' | 'owners' | 'whatif' | 'settings' | 'start';

export interface AppProps {
  host: PaneHost;
  /** Controls a host adds above Refresh (the browser page's file picker). */
  toolbar?: ReactNode;
  /** Called with the target whenever a review entry is chosen (the browser page scrolls its preview). */
  onSelect?: (target: { sheet: string; cell: string }) => void;
  /** Content a host shows below the pane (the browser page's sheet preview). */
  children?: ReactNode;
}

export function App({ host, toolbar, onSelect, children }: AppProps) {
  const styles = useStyles();
  const pane = usePane(host);
  const { state } = pane;
  const [tab, setTab] = useState<TabKey>('review');
  const groups = useMemo(() => (state.result ? reviewGroups(state.result.report, state.result.plan) : []), [state.result]);
  const owners = useMemo(() => (state.result ? ownersToChase(state.result.report) : []), [state.result]);
  const [mapStart, setMapStart] = useState<string | null>(null);
  const select = (target: { sheet: string; cell: string }) => {
    onSelect?.(target);
    void pane.select(target);
  };
  const result = state.result && state.phase !== 'stopped' ? state.result : null;
  const port = host.port;
  const fromSelection = port?.activeCell && result ? async () => itemAtCell(result.report, await port.activeCell!()) : undefined;
  const followSelection = useMemo(
    () =>
      port?.watchSelection && result
        ? (onItem: (id: string | null) => void) => port.watchSelection!((cell) => onItem(itemAtCell(result.report, cell)))
        : undefined,
    [port, result],
  );
  const download = result ? () => void downloadStatusReport(result, host.source?.() ?? 'workbook', host.today()).catch((e: unknown) => pane.notify(`The report could not be made: ${e instanceof Error ? e.message : String(e)}`)) : undefined;
  const canBuild = Boolean(host.createStarterSheets || host.insertExample);

  return (
    <main className={styles.root}>
      <Title3 as="h1">Throughline</Title3>
      {toolbar}
      <RefreshBar
        running={state.phase === 'running'}
        disabled={!host.port || !state.ready}
        stage={state.stage}
        progress={state.progress}
        asOf={state.result?.report.asOf ?? null}
        onRefresh={() => void pane.refresh()}
      />
      {state.error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Refresh failed</MessageBarTitle>
            {state.error} Nothing was written.
          </MessageBarBody>
        </MessageBar>
      )}
      {state.phase === 'stopped' && state.result && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Nothing was written</MessageBarTitle>
            {state.result.fatal.map((e) => e.message).join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.notice && (
        <MessageBar intent="info">
          <MessageBarBody>{state.notice}</MessageBarBody>
        </MessageBar>
      )}
      {state.result && state.phase !== 'stopped' && <SummaryCards summary={state.result.report.summary} />}
      {!state.result && state.phase === 'idle' && (
        <GetStarted
          onStarter={host.createStarterSheets && (() => void pane.createStarterSheets())}
          onExample={host.insertExample && (() => void pane.insertExample())}
        />
      )}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabKey)} aria-label="Sections" size="small" style={{ flexWrap: 'wrap' }}>
        <Tab value="review">Review</Tab>
        <Tab value="changes">Changes</Tab>
        <Tab value="map">Map</Tab>
        <Tab value="charts">Charts</Tab>
        <Tab value="owners">Owners</Tab>
        <Tab value="whatif">What-if</Tab>
        <Tab value="settings">Settings</Tab>
        {canBuild && <Tab value="start">Get started</Tab>}
      </TabList>
      {tab === 'review' &&
        (result ? (
          <ReviewList
            groups={groups}
            onSelect={(target, itemId) => {
              if (itemId) setMapStart(itemId);
              select(target);
            }}
          />
        ) : (
          <span>Refresh to see what needs attention.</span>
        ))}
      {tab === 'changes' &&
        (result ? (
          <ChangesPanel changes={result.changes} targetOf={(id) => result.links.cells.get(id)} onSelect={select} />
        ) : (
          <span>Refresh to see what changed.</span>
        ))}
      {tab === 'map' &&
        (result ? (
          <MapPanel report={result.report} links={result.links} start={mapStart} onStart={setMapStart} onSelect={select} fromSelection={fromSelection} followSelection={followSelection} />
        ) : (
          <span>Refresh to map what each risk reaches.</span>
        ))}
      {tab === 'charts' &&
        (result ? <ChartsPanel report={result.report} links={result.links} trends={result.trends} onDownload={download} /> : <span>Refresh to see the charts.</span>)}
      {tab === 'owners' &&
        (state.result && state.phase !== 'stopped' ? <OwnersPanel owners={owners} /> : <span>Refresh to see whom to chase.</span>)}
      {tab === 'whatif' && <WhatIfPanel items={state.result?.report.items ?? []} onRun={pane.whatIf} />}
      {tab === 'settings' && <SettingsForm value={state.settings} problems={state.settingsProblems} onSave={(s) => void pane.saveSettings(s)} />}
      {tab === 'start' && (
        <GetStarted
          onStarter={host.createStarterSheets && (() => void pane.createStarterSheets())}
          onExample={host.insertExample && (() => void pane.insertExample())}
        />
      )}
      {children}
    </main>
  );
}
