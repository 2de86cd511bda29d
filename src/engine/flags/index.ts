export * from './freshness';
export * from './status';
export * from './history';
