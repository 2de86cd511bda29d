// The shareable status report: one HTML file with everything inline (styles, SVG charts and maps),
// no script and a Content-Security-Policy that forbids fetching anything, so it opens the same on
// any machine, offline, and can be mailed to someone without Excel.
import { renderToStaticMarkup } from 'react-dom/server';
import type { ItemReport, Report } from '../engine';
import type { ChangeSet } from '../engine';
import type { ItemLinks } from '../engine';
import type { SlipTrend } from '../engine';
import { distinctTopRisks, mapCandidates } from '../engine';
import { objectivesByHealth, valueByStream } from '../engine';
import { mailtoLink, ownersToChase } from '../engine';
import { compactNumber, grouped } from '../engine';
import { HEALTH_STYLE, PALETTE, cssColour } from '../engine';
import { layoutMap } from './layout';
import { ImpactMapSvg } from './ImpactMapSvg';
import { HealthChart, SlipChart, StreamChart } from './charts';
import { BaselineSection } from './baseline-section';
import { sinceBaseline } from '../engine';
import type { PortfolioViews } from '../portfolio';

export interface StatusReportInput {
  report: Report;
  changes: ChangeSet;
  links: ItemLinks;
  trends: SlipTrend[];
}

export interface StatusReportOptions {
  /** What the report is about, usually the workbook's file name. */
  source: string;
  /** ISO date the report was made (host clock). */
  generated: string;
  /** How many top risks get an impact map. */
  maps?: number;
  /** A portfolio's views across its members, when the report covers several workbooks. */
  portfolio?: PortfolioViews;
}

/** The report lists this many changes at most; the Risks sheet has them all. */
const MOST_CHANGES = 100;

const CSS = `
body{font-family:"Segoe UI",system-ui,-apple-system,sans-serif;color:#201f1e;background:#faf9f8;margin:0;padding:24px;line-height:1.4}
main{max-width:1080px;margin:0 auto}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e1dfdd;padding-bottom:4px}
.sub{color:#605e5c;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #e1dfdd;border-radius:6px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:20px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
.chart{background:#fff;border:1px solid #e1dfdd;border-radius:6px;padding:10px 14px}
.chart h3{font-size:14px;margin:0 0 8px}
.map{background:#fff;border:1px solid #e1dfdd;border-radius:6px;padding:10px 14px;margin-bottom:12px;overflow-x:auto}
.map h3{font-size:14px;margin:0 0 4px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #e1dfdd;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
th{background:#f3f2f1}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px}
.owner{background:#fff;border:1px solid #e1dfdd;border-radius:6px;padding:8px 14px;margin-bottom:8px}
.owner ul{margin:4px 0}
footer{color:#605e5c;font-size:12px;margin-top:32px}
@media print{body{background:#fff}.map,.chart,.card,.owner{break-inside:avoid}}
`;

function Pill({ health }: { health: ItemReport['health'] }) {
  const style = PALETTE[HEALTH_STYLE[health]];
  return (
    <span className="pill" style={{ background: cssColour(style.fill), color: cssColour(style.font) }}>
      {health}
    </span>
  );
}

function Head({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c}>{c}</th>
        ))}
      </tr>
    </thead>
  );
}

/** A portfolio's teams, what their slips do to each other, and its worst risks with their workbooks. */
function PortfolioSections({ views }: { views: PortfolioViews }) {
  return (
    <>
      <section aria-labelledby="teams">
        <h2 id="teams">Teams</h2>
        <table>
          <Head
            columns={[
              'Team',
              'Workbook',
              'Objectives R · A · G',
              'Items R · A · G',
              'Stale',
              'Flagged',
              'Data errors',
              'Value at stake',
              'Data up to',
            ]}
          />
          <tbody>
            {views.teams.map((t) => (
              <tr key={t.info.key}>
                <td>{t.info.key}</td>
                <td>{t.info.label}</td>
                {t.unavailable !== null ? (
                  <td colSpan={7}>could not be read: {t.unavailable}</td>
                ) : (
                  <>
                    <td>{`${t.objectives.Red} · ${t.objectives.Amber} · ${t.objectives.Green}`}</td>
                    <td>{`${t.work.Red} · ${t.work.Amber} · ${t.work.Green}`}</td>
                    <td>{t.stale}</td>
                    <td>{t.flagged}</td>
                    <td>{t.errors}</td>
                    <td>{grouped(t.valueAtStake, 0)}</td>
                    <td>{t.latestCheckIn ?? ''}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="pushes">
        <h2 id="pushes">Across teams: whose slips push whose dates</h2>
        {views.pushes.length === 0 ? (
          <p>No team&rsquo;s slip pushes another team&rsquo;s dates.</p>
        ) : (
          <table>
            <Head columns={['From', 'To', 'Items pushed', 'Most days', 'Value exposed', 'Items']} />
            <tbody>
              {views.pushes.map((p) => (
                <tr key={`${p.from}>${p.to}`}>
                  <td>{p.from}</td>
                  <td>{p.to}</td>
                  <td>{p.items.length}</td>
                  <td>{p.maxDays}</td>
                  <td>{grouped(p.valueExposed, 0)}</td>
                  <td>{p.items.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="portfolio-risks">
        <h2 id="portfolio-risks">Portfolio risks</h2>
        <table>
          <Head columns={['Severity', 'Workbook', 'Item', 'Name', 'Issue', 'Details', 'Value exposed']} />
          <tbody>
            {views.risks.slice(0, 30).map((r, i) => (
              <tr key={i}>
                <td>{r.severity}</td>
                <td>{`${r.workbook} · ${r.sheet}!${r.cell}`}</td>
                <td>{r.item ?? ''}</td>
                <td>{r.name ?? ''}</td>
                <td>{r.issue}</td>
                <td>{r.details}</td>
                <td>{r.valueExposed === null ? '' : grouped(r.valueExposed, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {views.risks.length > 30 && (
          <p className="sub">{views.risks.length - 30} more in the portfolio workbook&rsquo;s Portfolio Risks sheet.</p>
        )}
      </section>
    </>
  );
}

function SummarySection({ summary: s }: { summary: StatusReportInput['report']['summary'] }) {
  return (
    <section aria-labelledby="summary">
      <h2 id="summary">Summary</h2>
      <div className="cards">
        {(['Red', 'Amber', 'Green', 'Grey'] as const).map((h) => (
          <div className="card" key={h}>
            <b>{s.objectives[h]}</b>
            {h} objectives
          </div>
        ))}
        <div className="card">
          <b>{grouped(s.valueAtRisk, 0)}</b>value at risk of {grouped(s.valueAtStake, 0)}
        </div>
        <div className="card">
          <b>{s.stale}</b>stale items
        </div>
        <div className="card">
          <b>{s.flagged}</b>flagged items
        </div>
        <div className="card">
          <b>{s.errors}</b>data errors
        </div>
      </div>
    </section>
  );
}

function ChartsSection({
  report,
  streams,
  trends,
}: {
  report: StatusReportInput['report'];
  streams: ReturnType<typeof valueByStream>;
  trends: StatusReportInput['trends'];
}) {
  return (
    <section aria-labelledby="charts">
      <h2 id="charts">Charts</h2>
      <div className="charts">
        <div className="chart">
          <h3>Objectives by health</h3>
          <HealthChart counts={objectivesByHealth(report.items)} />
        </div>
        <div className="chart">
          <h3>Value at risk by revenue stream</h3>
          <StreamChart rows={streams} />
        </div>
        <div className="chart">
          <h3>Slip of the top slipping initiatives</h3>
          <SlipChart trends={trends} width={340} />
        </div>
      </div>
      <p className="sub">
        Slip chart: each line starts at the plan (a hollow dot on Start, finishing on Due); dots are where each History
        check-in’s pace would finish; the square is today’s forecast, dependency pushes included.
      </p>
    </section>
  );
}

function AttentionSection({ candidates }: { candidates: ItemReport[] }) {
  const attention = candidates.slice(0, 10);
  return (
    <section aria-labelledby="attention">
      <h2 id="attention">Needs attention</h2>
      {attention.length === 0 ? (
        <p>Every KPI and initiative that serves an objective is Green.</p>
      ) : (
        <table>
          <Head columns={['Item', 'Name', 'Health', 'Value exposed', 'Why', 'Owner']} />
          <tbody>
            {attention.map((i) => (
              <tr key={i.id}>
                <td>{i.id}</td>
                <td>{i.name}</td>
                <td>
                  <Pill health={i.health} />
                </td>
                <td>{grouped(i.impact.valueExposed, 0)}</td>
                <td>{[...i.drivers, ...i.flags.map((f) => f.message)].slice(0, 3).join('; ')}</td>
                <td>{i.owner ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {candidates.length > attention.length && (
        <p className="sub">{candidates.length - attention.length} more in the workbook&rsquo;s Risks sheet.</p>
      )}
    </section>
  );
}

function StatusReport({ input, options }: { input: StatusReportInput; options: StatusReportOptions }) {
  const { report, changes, links, trends } = input;
  const items = new Map(report.items.map((i) => [i.id, i]));
  const s = report.summary;
  const maps = distinctTopRisks(items, links, options.maps ?? 3, { maxDownstream: 12 });
  const candidates = mapCandidates(report.items);
  const owners = ownersToChase(report);
  const streams = valueByStream(report.items, links);
  return (
    <main>
      <h1>Status report</h1>
      <p className="sub">
        {options.source} · as of {report.asOf} · made {options.generated} by Throughline
      </p>

      <SummarySection summary={s} />

      {options.portfolio && <PortfolioSections views={options.portfolio} />}

      <ChartsSection report={report} streams={streams} trends={trends} />

      <AttentionSection candidates={candidates} />

      <section aria-labelledby="risks">
        <h2 id="risks">Top risks and what they reach</h2>
        {maps.length === 0 && <p>No KPI or initiative that serves an objective is Amber or Red.</p>}
        {maps.map((map, i) => {
          const item = items.get(map.start)!;
          return (
            <div className="map" key={item.id}>
              <h3>
                {item.id} {item.name} <Pill health={item.health} /> · {compactNumber(item.impact.valueExposed)} exposed
                · {item.drivers.join('; ')}
              </h3>
              <ImpactMapSvg map={map} placed={layoutMap(map)} idPrefix={`map${i}`} fit={0.8} />
            </div>
          );
        })}
      </section>

      <section aria-labelledby="changes">
        <h2 id="changes">What changed{changes.since ? ` since the refresh of ${changes.since}` : ''}</h2>
        {changes.changes.length === 0 ? (
          <p>
            {changes.since === null
              ? 'This is the first refresh the workbook remembers: changes show from the next one.'
              : 'Nothing changed.'}
          </p>
        ) : (
          <table>
            <Head columns={['Item', 'Name', 'Health', 'Change', 'Owner']} />
            <tbody>
              {changes.changes.slice(0, MOST_CHANGES).map((c) => (
                <tr key={c.id} data-change={c.direction}>
                  <td>{c.id}</td>
                  <td>{c.name}</td>
                  <td>
                    <Pill health={c.to} />
                  </td>
                  <td>{c.summary}</td>
                  <td>{c.owner ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {changes.changes.length > MOST_CHANGES && (
          <p className="sub">
            and {changes.changes.length - MOST_CHANGES} more changes: the workbook&rsquo;s Risks sheet lists every one.
          </p>
        )}
      </section>

      <BaselineSection since={sinceBaseline(report)} />

      <section aria-labelledby="owners">
        <h2 id="owners">Owners to chase</h2>
        {owners.length === 0 && <p>No owner has a stale or flagged item.</p>}
        {owners.map((o) => (
          <div className="owner" key={o.owner}>
            <b>{o.owner}</b> · <a href={mailtoLink(o)}>prepared e-mail</a>
            <ul>
              {o.items.map((i) => (
                <li key={i.id}>
                  {i.id} {i.name} (<Pill health={i.health} />
                  ): {i.asks.join('; ')}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <footer>
        Figures as computed by Throughline from the workbook; the workbook’s Risks sheet lists every flag with a link to
        its row.
      </footer>
    </main>
  );
}

export function statusReportHtml(input: StatusReportInput, options: StatusReportOptions): string {
  const body = renderToStaticMarkup(<StatusReport input={input} options={options} />);
  const title = `Status report · ${options.source} · as of ${input.report.asOf}`;
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}
