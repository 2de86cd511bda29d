// The pane outside Office: open one .xlsx (picker or drop), refresh it in the browser, look at the
// result, download it; or open several (or a folder, or a hub with its Portfolio table) and refresh
// them as one portfolio, downloading every refreshed member and the portfolio's workbook and report
// in one .zip. Nothing leaves the browser. This module is a lazy chunk: the .xlsx layer loads only here.
// State lives in useFileApp, the controls in FileToolbar, the styles in useFileAppStyles.
import { Body1, mergeClasses } from '@fluentui/react-components';
import { App } from '../App';
import { refreshedName } from '../teams/bundle';
import { PORTFOLIO_ZIP } from './download';
import { FileToolbar } from './FileToolbar';
import { SheetPreview } from './SheetPreview';
import { useFileApp } from './useFileApp';
import { useFileAppStyles } from './useFileAppStyles.styles';

export { refreshedName, PORTFOLIO_ZIP };

export function FileApp() {
  const styles = useFileAppStyles();
  const page = useFileApp();
  const { view } = page;

  const toolbar = (
    <FileToolbar
      opened={page.opened}
      busy={page.busy}
      refreshed={page.refreshed}
      preparing={page.preparing}
      waiting={page.waiting}
      error={page.error}
      onOpen={page.openFiles}
      onError={page.fail}
      onExample={() => void page.openExample()}
      onDownload={() => void page.download()}
    />
  );

  return (
    <div
      className={mergeClasses(styles.layout, page.dropping && styles.dropping)}
      onDragOver={page.onDragOver}
      onDragLeave={page.onDragLeave}
      onDrop={page.onDrop}
    >
      <div className={styles.side}>
        <App host={page.host} toolbar={toolbar} refreshRef={page.refreshButton} />
      </div>
      <div className={styles.preview}>
        {view.preview.length > 0 ? (
          <SheetPreview
            sheets={view.preview}
            active={view.active}
            highlight={view.highlight}
            onActivate={view.setActive}
            onPick={page.pick}
          />
        ) : (
          <Body1>The sheets of the open workbook appear here.</Body1>
        )}
      </div>
    </div>
  );
}
