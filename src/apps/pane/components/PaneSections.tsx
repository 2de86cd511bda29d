// The pane's sections: the tab list and the one section shown, each waiting for a refresh until there
// is a result to show.
import { Tab, TabList } from '@fluentui/react-components';
import type { PaneHost } from '../host';
import type { AppModel, TabKey } from '../useApp';
import { ChangesPanel } from './ChangesPanel';
import { ChartsPanel } from './ChartsPanel';
import { BaselineChanges } from './BaselineChanges';
import { DependenciesPanel } from './DependenciesPanel';
import { GetStarted } from './GetStarted';
import { MapPanel } from './MapPanel';
import { OwnersPanel } from './OwnersPanel';
import { ReviewList } from './ReviewList';
import { SettingsForm } from './SettingsForm';
import { WhatIfPanel } from './WhatIfPanel';

const TAB_TITLES: Readonly<Record<TabKey, string>> = {
  review: 'Review',
  dependencies: 'Dependencies',
  changes: 'Changes',
  map: 'Map',
  charts: 'Charts',
  owners: 'Owners',
  whatif: 'What-if',
  settings: 'Settings',
  start: 'Get started',
};

export interface PaneSectionsProps {
  app: AppModel;
  host: PaneHost;
  classes: { tabs: string; panel: string };
}

export function PaneSections({ app, host, classes }: PaneSectionsProps) {
  const { tab } = app;
  return (
    <>
      <TabList
        className={classes.tabs}
        selectedValue={tab}
        onTabSelect={(_, d) => app.setTab(d.value as TabKey)}
        aria-label="Sections"
        size="small"
      >
        <Tab value="review">Review</Tab>
        <Tab value="dependencies">Dependencies</Tab>
        <Tab value="changes">Changes</Tab>
        <Tab value="map">Map</Tab>
        <Tab value="charts">Charts</Tab>
        <Tab value="owners">Owners</Tab>
        <Tab value="whatif">What-if</Tab>
        <Tab value="settings">Settings</Tab>
        {app.canBuild && <Tab value="start">Get started</Tab>}
      </TabList>
      <div className={classes.panel} role="tabpanel" aria-label={TAB_TITLES[tab]}>
        <Section key={tab} app={app} host={host} />
      </div>
    </>
  );
}

/** The shown section's content: a new one for each tab, as each tab's content is its own. */
function Section({ app, host }: { app: AppModel; host: PaneHost }) {
  const { tab, result, review, state, pane } = app;
  switch (tab) {
    case 'review':
      return result && review ? (
        <ReviewList
          ref={app.reviewList}
          model={review}
          filter={app.filter}
          onFilter={app.setFilter}
          onSelect={app.selectItem}
          origin={app.origin}
        />
      ) : (
        <span>Refresh to see what needs attention.</span>
      );
    case 'dependencies':
      return result ? (
        <DependenciesPanel
          dependencies={result.report.dependencies}
          items={result.report.items}
          cells={result.links.dependencyCells}
          onSelect={app.select}
        />
      ) : (
        <span>Refresh to see who waits on whom.</span>
      );
    case 'changes':
      return result ? (
        <>
          <ChangesPanel changes={result.changes} targetOf={(id) => result.links.cells.get(id)} onSelect={app.select} />
          <BaselineChanges report={result.report} targetOf={(id) => result.links.cells.get(id)} onSelect={app.select} />
        </>
      ) : (
        <span>Refresh to see what changed.</span>
      );
    case 'map':
      return result ? (
        <MapPanel
          report={result.report}
          links={result.links}
          start={app.mapStart}
          onStart={app.setMapStart}
          onSelect={app.select}
          fromSelection={app.fromSelection}
          followSelection={app.followSelection}
        />
      ) : (
        <span>Refresh to map what each risk reaches.</span>
      );
    case 'charts':
      return result ? (
        <ChartsPanel
          report={result.report}
          links={result.links}
          trends={result.trends}
          onDownload={app.download}
          onDownloadDeck={app.downloadDeck}
        />
      ) : (
        <span>Refresh to see the charts.</span>
      );
    case 'owners':
      return result ? <OwnersPanel owners={app.owners} /> : <span>Refresh to see whom to chase.</span>;
    case 'whatif':
      return <WhatIfPanel items={state.result?.report.items ?? []} onRun={pane.whatIf} />;
    case 'settings':
      return (
        <SettingsForm
          mode={host.mode}
          value={state.settings}
          inUse={state.result ? { settings: state.result.settings, workbook: state.result.workbookSettings } : null}
          onSave={pane.saveSettings}
          liveSupported={state.liveSupported}
        />
      );
    case 'start':
      return <GetStarted {...app.getStarted} />;
  }
}
