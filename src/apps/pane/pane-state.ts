// What the pane holds between renders: the refresh's phase and progress, its result, the settings in
// force and what to tell the user.
import type { MoneyFormat, RefreshResult } from '../../engine';
import type { RefreshStage } from '../../io/refresh';
import type { PortfolioViews } from '../../portfolio';
import { EMPTY_SETTINGS, type PaneSettings } from '../../io/settings';

export type Phase = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export interface PaneState {
  phase: Phase;
  stage: RefreshStage | null;
  progress: number;
  result: RefreshResult | null;
  error: string | null;
  /** The settings in force: only valid settings ever get here. */
  settings: PaneSettings;
  /** False until the workbook's saved settings are in: a refresh before that would ignore them. */
  ready: boolean;
  notice: string | null;
  /** The currency format of the workbook's Value at Stake column, once a refresh has found it. */
  money: MoneyFormat | null;
  /** A portfolio's members, cross-team pushes and notes, as of the last refresh (null for one workbook). */
  portfolio: PanePortfolioState | null;
  /** What a live update shows that is not written yet (null once a Refresh has written it). */
  live: { message: string; remote: boolean } | null;
  /** Whether this Excel can do live updates (null: not known yet, or not Excel). */
  liveSupported: boolean | null;
}

export interface PanePortfolioState {
  views: PortfolioViews;
  /** References resolved across workbooks, and the like. */
  notes: string[];
}

export const INITIAL: PaneState = {
  phase: 'idle',
  stage: null,
  progress: 0,
  result: null,
  error: null,
  settings: EMPTY_SETTINGS,
  ready: false,
  notice: null,
  money: null,
  portfolio: null,
  live: null,
  liveSupported: null,
};
