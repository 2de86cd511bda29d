// The impact map in the pane. State lives in useMapPanel, styles in useMapPanelStyles; this renders.
import { Button, Caption1, Field, Select, Switch } from '@fluentui/react-components';
import type { ItemReport } from '../../../engine';
import { ImpactMapSvg } from '../../../present/ImpactMapSvg';
import { MapChain } from './MapChain';
import type { MapPanelProps } from './MapPanel.types';
import { MOST_DOWNSTREAM, useMapPanel, type MapPanelState } from './useMapPanel';
import { useMapPanelStyles } from './useMapPanelStyles.styles';

export type { MapPanelProps } from './MapPanel.types';
export { MOST_DOWNSTREAM } from './useMapPanel';

const option = (i: ItemReport) => `${i.id} · ${i.name} (${i.health})`;

/** The chain from one item through its downstreams to the objectives and revenue streams it reaches. */
export function MapPanel(props: MapPanelProps) {
  const styles = useMapPanelStyles();
  const state = useMapPanel(props);
  const { current, map, placed, narrow, focus } = state;
  if (current === null || map === null || placed === null) return <Caption1>Nothing to map yet.</Caption1>;
  return (
    <section className={styles.root} aria-label="Impact map" ref={state.frame}>
      <Field label="Start from">
        <Select
          value={current}
          onChange={(_, d) => state.pick(d.value)}
          className={styles.select}
          select={{ className: styles.select }}
        >
          {state.risks.length > 0 && (
            <optgroup label="Needs attention">
              {state.risks.map((i) => (
                <option key={i.id} value={i.id}>
                  {option(i)}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Everything else">
            {state.others.map((i) => (
              <option key={i.id} value={i.id}>
                {option(i)}
              </option>
            ))}
          </optgroup>
        </Select>
      </Field>
      <MapControls state={state} followable={Boolean(props.followSelection)} className={styles.row} />
      {state.note && <Caption1 role="status">{state.note}</Caption1>}
      {state.draw ? (
        <>
          <Caption1>
            {narrow ? 'Top to bottom' : 'Left to right'}: what depends on it, then the objectives and revenue streams it
            reaches. Labels on arrows are days of slip. Click a box to go to its row and light its chain.
          </Caption1>
          <div
            ref={state.canvas}
            className={styles.canvas}
            tabIndex={0}
            role="region"
            aria-label="Impact map drawing (scrolls)"
          >
            <ImpactMapSvg map={map} placed={placed} idPrefix="pane-map" focus={focus} onSelect={state.selectNode} />
          </div>
        </>
      ) : (
        <MapChain map={map} focus={focus} onSelect={state.selectNode} />
      )}
    </section>
  );
}

/** The buttons and switches under the start: the selected row, the whole map or one chain, drawing, following, how much. */
function MapControls({
  state,
  followable,
  className,
}: {
  state: MapPanelState;
  followable: boolean;
  className: string;
}) {
  const { map, focus, chainOnly, everything } = state;
  const hidden = map?.hidden ?? 0;
  return (
    <div className={className}>
      {state.fromSelectedRow && (
        <Button size="small" onClick={state.fromSelectedRow}>
          Use the selected row
        </Button>
      )}
      {focus && (
        <Button size="small" appearance="subtle" onClick={state.showWhole}>
          Show the whole map
        </Button>
      )}
      {focus && !chainOnly && (
        <Button size="small" appearance="subtle" onClick={() => state.setChainOnly(true)}>
          Only this chain
        </Button>
      )}
      {state.narrow && (
        <Switch checked={state.draw} onChange={(_, d) => state.setDrawing(d.checked)} label="Draw the map" />
      )}
      {followable && (
        <Switch
          checked={state.following}
          onChange={(_, d) => state.setFollowing(d.checked)}
          label="Follow the selection"
        />
      )}
      {(hidden > 0 || everything) && (
        <Switch
          checked={everything}
          onChange={(_, d) => state.setEverything(d.checked)}
          label={
            everything
              ? hidden > 0
                ? `Up to ${MOST_DOWNSTREAM} downstream (${hidden} more hidden)`
                : 'Everything downstream'
              : `${hidden} more downstream hidden`
          }
        />
      )}
    </div>
  );
}
