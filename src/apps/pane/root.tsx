// Everything the pane renders inside: the Fluent theme, whether it is dark (for the pictures' colours),
// and the one live region every announcement goes through (Fluent's AriaLiveAnnouncer).
import { createContext, useContext, type ReactNode } from 'react';
import { AriaLiveAnnouncer, FluentProvider, type Theme } from '@fluentui/react-components';
import { DARK_CHARTS, LIGHT_CHARTS, luminance, type ChartPalette } from '../../present/colours';

export type ThemeKind = 'light' | 'dark';

const ThemeKindContext = createContext<ThemeKind>('light');

export const useThemeKind = () => useContext(ThemeKindContext);
export const useChartPalette = (): ChartPalette => (useThemeKind() === 'dark' ? DARK_CHARTS : LIGHT_CHARTS);

export function themeKindOf(theme: Theme): ThemeKind {
  const background = theme.colorNeutralBackground1;
  return /^#[0-9a-f]{6}$/i.test(background) && luminance(background) < 0.2 ? 'dark' : 'light';
}

export function PaneRoot({ theme, children }: { theme: Theme; children: ReactNode }) {
  const kind = themeKindOf(theme);
  return (
    <FluentProvider
      theme={theme}
      style={{ colorScheme: kind, minHeight: '100vh', backgroundColor: theme.colorNeutralBackground2 }}
    >
      <ThemeKindContext.Provider value={kind}>
        <AriaLiveAnnouncer>{children}</AriaLiveAnnouncer>
      </ThemeKindContext.Provider>
    </FluentProvider>
  );
}
