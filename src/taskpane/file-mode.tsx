// The pane outside Office: open an .xlsx, refresh it in the browser, download the result.
import { Body1 } from '@fluentui/react-components';

export function FileApp() {
  return <Body1>Open this page inside Excel to use Throughline. (The browser file mode is being built.)</Body1>;
}
