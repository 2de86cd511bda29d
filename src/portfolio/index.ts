// The portfolio's only door: several workbooks merged into one run, the plan split back, the
// cross-team views and the hub's Portfolio table. Hosts and adapters import from here (lint enforces it).
export { compositeSheet, keyFromFileName, splitComposite } from './identity';
export type { MemberInfo } from './identity';
export { isManifest, isPortfolioName, readManifest } from './manifest';
export type { ManifestEntry, NamedRange } from './manifest';
export type { MergeResult } from './merge';
export { PortfolioPort } from './port';
export type { PortfolioMember, PortfolioOptions } from './port';
export { PORTFOLIO_SHEETS, portfolioSheets } from './sheets';
export { localPlan } from './split';
export { cellPool, shareCells } from './intern';
export type { CellPool } from './intern';
export type { SharedPlan } from './split';
export { portfolioViews } from './views';
export type { PortfolioViews, TeamLine } from './views';
export { discoverPortfolio } from './discovery';
export type { Candidate, DiscoveredMember, Discovery, DiscoveryHooks } from './discovery';
