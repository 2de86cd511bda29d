import { Button, Caption1, SearchBox, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { DocumentTable16Regular } from '@fluentui/react-icons';
import { memo, useMemo, useState } from 'react';
import type { Severity, SheetLink } from '../../../engine';
import { FILTER_TITLES, visibleEntries, type FilterKey, type ReviewEntry, type ReviewModel } from '../review';
import { HealthBadge } from './SummaryCards';
import { useEntryStyles } from './entry-styles';
import { Money } from '../money';
import type { OriginOf } from '../teams/origin';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    scrollMarginTop: tokens.spacingVerticalM,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  filter: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    padding: `2px ${tokens.spacingHorizontalS}`,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  on: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    border: `1px solid ${tokens.colorBrandBackground}`,
  },
  search: { width: '100%', maxWidth: '100%', minWidth: 0 },
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXS },
  meta: { color: tokens.colorNeutralForeground2 },
  caption: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightRegular,
  },
  detail: {
    color: tokens.colorNeutralForeground2,
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  origin: {
    alignSelf: 'flex-start',
    display: 'inline-flex',
    gap: tokens.spacingHorizontalXXS,
    alignItems: 'center',
    color: tokens.colorNeutralForeground2,
  },
  other: {
    color: tokens.colorBrandForeground1,
    border: `1px solid ${tokens.colorBrandStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  more: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/** Entries drawn at first and per "Show more"; never more than MOST_DRAWN in the page at once. */
export const PAGE = 100;
export const MOST_DRAWN = 500;

const useChipStyles = makeStyles({
  chip: {
    display: 'inline-block',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    border: '1px solid transparent',
  },
  high: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    border: `1px solid ${tokens.colorPaletteRedBorder1}`,
  },
  warn: {
    backgroundColor: tokens.colorPaletteMarigoldBackground1,
    color: tokens.colorNeutralForeground1,
    border: `1px solid ${tokens.colorPaletteMarigoldBorder1}`,
  },
  info: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});
const FILTERS: FilterKey[] = ['all', 'off-track', 'dependency', 'sanitized', 'stale', 'errors'];

export interface ReviewListProps {
  model: ReviewModel;
  filter: FilterKey;
  onFilter: (filter: FilterKey) => void;
  /** Called with the entry's row and, for an item's entry, its ID. */
  onSelect: (target: SheetLink, itemId: string | null) => void;
  /** In a portfolio: which workbook an entry is in (in Excel, marks those from other workbooks) and how old its data is. */
  origin?: OriginOf;
  /** The list's section: focusable from script (tabIndex -1), so a summary card can take the user to it. */
  ref?: React.Ref<HTMLElement>;
}

/** One entry per item, most value exposed first; filters and a search narrow it; a few hundred are drawn at most. */
export function ReviewList({ model, filter, onFilter, onSelect, origin, ref }: ReviewListProps) {
  const styles = { ...useEntryStyles(), ...useStyles() };
  const [search, setSearch] = useState('');
  const [drawn, setDrawn] = useState(PAGE);
  const shown = useMemo(() => visibleEntries(model, filter, search), [model, filter, search]);
  const page = shown.slice(0, drawn);
  const choose = (f: FilterKey) => {
    onFilter(f);
    setDrawn(PAGE);
  };
  return (
    <section className={styles.root} aria-label="Review list" ref={ref} tabIndex={-1}>
      <div className={styles.filters} role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={mergeClasses(styles.filter, filter === f && styles.on)}
            aria-pressed={filter === f}
            onClick={() => choose(f)}
            data-testid={`filter-${f}`}
          >
            {FILTER_TITLES[f]} {model.counts[f]}
          </button>
        ))}
      </div>
      <SearchBox
        className={styles.search}
        size="small"
        value={search}
        onChange={(_, d) => {
          setSearch(d.value);
          setDrawn(PAGE);
        }}
        placeholder={origin ? 'Search ID, name, owner or workbook' : 'Search ID, name or owner'}
        aria-label="Search the review list"
      />
      {shown.length === 0 ? (
        <Caption1 className={styles.meta}>
          {model.entries.length === 0 ? 'Nothing needs attention.' : 'Nothing here matches.'}
        </Caption1>
      ) : (
        <ul className={styles.list}>
          {page.map((entry) => (
            <Entry key={entry.key} entry={entry} onSelect={onSelect} origin={origin} />
          ))}
        </ul>
      )}
      {shown.length > page.length && (
        <div className={styles.more}>
          <Caption1 className={styles.meta}>
            Showing {page.length} of {shown.length}.
          </Caption1>
          {drawn < MOST_DRAWN ? (
            <Button size="small" onClick={() => setDrawn((n) => Math.min(MOST_DRAWN, n + PAGE))}>
              Show {Math.min(PAGE, shown.length - page.length)} more
            </Button>
          ) : (
            <Caption1 className={styles.meta}>
              Narrow the list with a filter or the search; the Risks sheet lists every one.
            </Caption1>
          )}
        </div>
      )}
    </section>
  );
}

/** One entry: plain elements and class names only, so a page of a hundred draws in a few milliseconds. */
const Entry = memo(function Entry({
  entry,
  onSelect,
  origin,
}: {
  entry: ReviewEntry;
  onSelect: ReviewListProps['onSelect'];
  origin?: OriginOf;
}) {
  const styles = { ...useEntryStyles(), ...useStyles() };
  const from = origin?.(entry.target.sheet) ?? null;
  const chip = useChipStyles();
  const severity: Readonly<Record<Severity, string>> = { high: chip.high, warn: chip.warn, info: chip.info };
  return (
    <li>
      <button
        type="button"
        className={styles.entry}
        onClick={() => onSelect(entry.target, entry.itemId)}
        title={`Go to ${entry.target.sheet}!${entry.target.cell}`}
        data-testid={`review-${entry.key}`}
      >
        <span className={styles.head}>
          {entry.health && <HealthBadge health={entry.health} />}
          <span>{entry.title}</span>
        </span>
        {from && (
          <span
            className={mergeClasses(styles.caption, styles.origin, from.other && styles.other)}
            title={from.detail}
            data-origin={from.workbook}
          >
            <DocumentTable16Regular aria-hidden />
            {from.text}
          </span>
        )}
        {entry.chips.length > 0 && (
          <span className={styles.chips}>
            {entry.chips.map((c) => (
              <span key={c.label} className={mergeClasses(chip.chip, severity[c.severity])}>
                {c.label}
              </span>
            ))}
          </span>
        )}
        {entry.itemId && (
          <span className={mergeClasses(styles.caption, styles.meta)}>
            {entry.owner ?? 'No owner'}
            {entry.value > 0 && (
              <>
                {' · '}
                <Money value={entry.value} /> exposed
              </>
            )}
          </span>
        )}
        <span className={mergeClasses(styles.caption, styles.detail)}>{entry.detail}</span>
      </button>
    </li>
  );
});
