// Excel keeps the host settings inside the workbook file, as Office document settings.
import { parseSettings, SETTINGS_KEY, type PaneSettings, type SettingsStore } from '../settings';

/** Excel: Office document settings are saved inside the workbook file. */
export class OfficeSettingsStore implements SettingsStore {
  async load(): Promise<PaneSettings> {
    return parseSettings(Office.context.document.settings.get(SETTINGS_KEY));
  }
  async save(settings: PaneSettings): Promise<void> {
    await saveDocumentSetting(SETTINGS_KEY, JSON.stringify(settings));
  }
}

/** Sets one document setting and saves the document's settings (they travel inside the workbook file). */
export async function saveDocumentSetting(key: string, value: string): Promise<void> {
  Office.context.document.settings.set(key, value);
  await new Promise<void>((resolve, reject) =>
    Office.context.document.settings.saveAsync((r) =>
      r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(r.error.message)),
    ),
  );
}
