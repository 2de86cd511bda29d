// Ribbon commands. "Refresh" runs the same refresh as the pane without opening it, then tells the
// user the outcome in a small dialog and shows the Risks sheet.
import { todayDay } from '../../engine';
import { formatMoney } from '../../engine';
import { OfficeWorkbook, type ExcelRun } from '../../io/office/port';
import { changesSentence } from '../../engine';
import { refreshWorkbook } from '../../io/refresh';
import { toEngineSettings } from '../../io/settings';
import { OfficeSettingsStore } from '../../io/office/settings';
import { describeError, failureText } from '../../io/errors';

export interface Outcome {
  title: string;
  text: string;
}

async function refreshNow(): Promise<Outcome> {
  const { settings, problems } = toEngineSettings(await new OfficeSettingsStore().load());
  if (problems.length > 0)
    return {
      title: 'Settings need fixing',
      text: 'Open Throughline and correct its settings, then refresh again. Nothing was written.',
    };
  const run = Excel.run as unknown as ExcelRun;
  // The adapter asks Office.context.requirements itself which ExcelApi sets it may use.
  const port = new OfficeWorkbook(run);
  const result = await refreshWorkbook(port, { today: todayDay(), settings });
  if (result.plan === null) {
    return { title: 'Nothing was written', text: result.fatal.map((e) => e.message).join(' ') };
  }
  const s = result.report.summary;
  await port.select({ sheet: result.plan.risks.sheetName, cell: 'A1' });
  return {
    title: `Refreshed as of ${result.report.asOf}`,
    text:
      `Objectives: ${s.objectives.Red} Red, ${s.objectives.Amber} Amber, ${s.objectives.Green} Green, ${s.objectives.Grey} Grey. ` +
      `${formatMoney(s.valueAtRisk)} of ${formatMoney(s.valueAtStake)} at risk. ${s.flagged} items flagged, ${s.stale} stale, ` +
      `${s.errors} data errors. ${changesSentence(result.changes)}The Risks sheet lists each one.`,
  };
}

function show(outcome: Outcome): Promise<void> {
  const url = new URL('outcome.html', window.location.href);
  url.searchParams.set('title', outcome.title);
  url.searchParams.set('text', outcome.text);
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url.toString(), { height: 30, width: 35, displayInIframe: true }, (result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) {
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
      }
      resolve();
    });
  });
}

export async function refreshFromRibbon(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await show(await refreshNow());
  } catch (e) {
    await show({ title: 'Refresh failed', text: failureText(e, describeError(e)) }).catch(() => undefined);
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('refreshWorkbook', refreshFromRibbon);
});
