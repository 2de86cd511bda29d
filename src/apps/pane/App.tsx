// The pane, the same in Excel and on the browser page: Refresh, what the last refresh found, and the
// sections. State lives in useApp (over usePane), styles in useAppStyles; this file only renders.
import { Title3 } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { PaneHost } from './host';
import { useApp } from './useApp';
import { useAppStyles } from './useAppStyles.styles';
import { MoneyContext } from './money';
import { RefreshBar } from './components/RefreshBar';
import { SetBaseline } from './components/SetBaseline';
import { SummaryCards } from './components/SummaryCards';
import { TopRisks } from './components/TopRisks';
import { ObjectiveList } from './components/ObjectiveList';
import { GetStarted } from './components/GetStarted';
import { PortfolioPanel } from './components/PortfolioPanel';
import { PaneMessages } from './components/PaneMessages';
import { PaneSections } from './components/PaneSections';

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
  const styles = useAppStyles();
  const app = useApp(host, onSelect);
  const { pane, state, result, review, shownHealth } = app;

  return (
    <MoneyContext.Provider value={app.money}>
      <main className={styles.root}>
        <Title3 as="h1">Throughline</Title3>
        {toolbar}
        <RefreshBar
          ref={refreshRef ?? app.ownRef}
          running={state.phase === 'running'}
          disabled={!host.port || !state.ready}
          stage={state.stage}
          progress={state.progress}
          asOf={result?.report.asOf ?? null}
          onRefresh={() => void pane.refresh()}
          onCancel={state.stage !== 'writing' ? pane.cancel : undefined}
        />
        <SetBaseline
          disabled={!host.port || !state.ready || state.phase === 'running'}
          asOf={result?.report.asOf ?? null}
          current={result?.report.baseline ?? null}
          onSet={(label) => void pane.refresh(label)}
        />
        <PaneMessages state={state} />
        {result && review && (
          <SummaryCards
            summary={result.report.summary}
            review={review}
            shown={shownHealth}
            onShowHealth={app.setShownHealth}
            onReview={app.showReview}
            healthButtonRef={app.healthButtonRef}
          />
        )}
        {result && shownHealth && (
          <ObjectiveList
            health={shownHealth}
            rows={app.objectives}
            onSelect={app.selectItem}
            onClose={app.closeObjectives}
          />
        )}
        {result && (
          <TopRisks
            risks={app.risks}
            asOf={result.report.asOf}
            targetOf={(id) => result.links.cells.get(id)}
            onSelect={app.selectItem}
            origin={app.origin}
          />
        )}
        {state.portfolio && (
          <PortfolioPanel views={state.portfolio.views} notes={state.portfolio.notes} home={app.home} />
        )}
        {!state.result && state.phase === 'idle' && <GetStarted {...app.getStarted} />}
        <PaneSections app={app} host={host} classes={styles} />
        {children}
      </main>
    </MoneyContext.Provider>
  );
}
