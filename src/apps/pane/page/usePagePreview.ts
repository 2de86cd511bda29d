// The page's preview of what is open: its sheets, the one shown, and the cell gone to or picked.
import { useCallback, useRef, useState } from 'react';
import type { SheetLink } from '../../../engine';
import { compositeSheet } from '../../../portfolio';
import type { PageSetup } from '../teams/page-setup';
import { previewOf, type PreviewSheet } from './preview';
import { PreviewSelection } from './preview-selection';

/** Each readable member's sheets, named [file]Sheet as the portfolio names them, grouped by file. */
export function portfolioPreview(setup: PageSetup): PreviewSheet[] {
  return setup.members.flatMap((m) => {
    const workbook = m.opened?.workbook;
    if (!workbook) return [];
    return previewOf(workbook).map((s) => ({
      ...s,
      name: compositeSheet(m.info.label, s.name),
      workbook: m.info.label,
      title: s.name,
    }));
  });
}

export function usePagePreview() {
  const [preview, setPreview] = useState<PreviewSheet[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<SheetLink | null>(null);
  // The ports outlive renders; they read the preview's selection through this.
  const selection = useRef<SheetLink | null>(null);
  selection.current = highlight;

  /** Shows a workbook's sheets (as its worker previewed them); returns them. */
  const show = useCallback((sheets: PreviewSheet[]) => {
    setPreview(sheets);
    return sheets;
  }, []);

  const goTo = useCallback((target: SheetLink) => {
    setActive(target.sheet);
    setHighlight(target);
  }, []);

  /** A new selection for a new opening, reading whatever the preview has picked at the time. */
  const newSelection = useCallback(() => new PreviewSelection(() => selection.current), []);

  return { preview, setPreview, active, setActive, highlight, setHighlight, show, goTo, newSelection };
}

export type PagePreview = ReturnType<typeof usePagePreview>;
