/** @jest-environment jsdom */
// The Charts tab's downloads: the board pack's button says it is working and cannot be pressed twice.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { DownloadButtons } from '../../src/apps/pane/components/DownloadButtons';

test('the board pack button is busy while the deck is made, then ready again', async () => {
  let finish: () => void = () => undefined;
  const onDeck = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
  const onReport = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <DownloadButtons onReport={onReport} onDeck={onDeck} />
    </FluentProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Download board pack (PowerPoint)' }));
  const busy = screen.getByRole('button', { name: 'Making board pack…' });
  expect(busy).toHaveAttribute('aria-busy', 'true');
  fireEvent.click(busy);
  expect(onDeck).toHaveBeenCalledTimes(1);
  await act(async () => finish());
  expect(screen.getByRole('button', { name: 'Download board pack (PowerPoint)' })).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Download status report (HTML)' }));
  expect(onReport).toHaveBeenCalledTimes(1);
});

test('without either download there is nothing to show', () => {
  const { container } = render(<DownloadButtons />);
  expect(container).toBeEmptyDOMElement();
});
