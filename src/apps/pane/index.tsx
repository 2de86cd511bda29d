// The pane's entry: decides once, after Office.onReady, whether it runs inside Excel or in a browser.
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { themeFor } from './theme';
import { excelHost, knownDocumentName } from './excel/host';
import { ExcelApp } from './excel/ExcelApp';
import { OfficeTeamStore } from './teams/team-store';
import { readOpenPortfolioTable } from '../../io/office/manifest';
import type { ExcelRun } from '../../io/office/port';
import { PaneRoot } from './root';

function mount(node: React.ReactNode, theme = webLightTheme) {
  const root = createRoot(document.getElementById('container')!);
  root.render(<PaneRoot theme={theme}>{node}</PaneRoot>);
}

Office.onReady((info) => {
  if (info.host === Office.HostType.Excel) {
    const readOwnManifest = () => readOpenPortfolioTable(Excel.run as unknown as ExcelRun);
    mount(
      <ExcelApp
        base={excelHost()}
        documentName={knownDocumentName()}
        store={new OfficeTeamStore()}
        readOwnManifest={readOwnManifest}
      />,
      themeFor(Office.context.officeTheme),
    );
    return;
  }
  // Outside Office: the same pane on an .xlsx file, loaded only when needed, in the browser's colour scheme.
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  void import(/* webpackChunkName: "file-mode" */ './page/FileApp.js').then(({ FileApp }) =>
    mount(<FileApp />, dark ? webDarkTheme : webLightTheme),
  );
});
