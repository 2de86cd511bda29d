// The pane's entry: decides once, after Office.onReady, whether it runs inside Excel or in a browser.
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { themeFor } from './theme';
import { excelHost } from './excel-host';

function mount(node: React.ReactNode, theme = webLightTheme) {
  const root = createRoot(document.getElementById('container')!);
  root.render(<FluentProvider theme={theme}>{node}</FluentProvider>);
}

Office.onReady((info) => {
  if (info.host === Office.HostType.Excel) {
    mount(<App host={excelHost()} />, themeFor(Office.context.officeTheme));
    return;
  }
  // Outside Office: the same pane on an .xlsx file, loaded only when needed.
  void import(/* webpackChunkName: "file-mode" */ './file-mode.js').then(({ FileApp }) => mount(<FileApp />));
});
