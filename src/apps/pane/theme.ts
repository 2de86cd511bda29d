// Office's light and dark themes: the pane follows the theme Excel is using.
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** Dark when Office reports a dark body background (relative luminance below one half). */
export function themeFor(officeTheme: { bodyBackgroundColor?: string } | undefined): Theme {
  const hex = officeTheme?.bodyBackgroundColor?.replace('#', '');
  if (!hex || hex.length < 6) return webLightTheme;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? webDarkTheme : webLightTheme;
}
