// Reported status against the evidence: green reports over red data or red dependencies.
import type { Flag, Health, ReportedStatus } from '../types';

export function statusContradictsFlag(
  reported: ReportedStatus | null,
  ownHealth: Health,
  evidence: string,
): Flag | null {
  if (reported !== 'Green' || (ownHealth !== 'Red' && ownHealth !== 'Amber')) return null;
  return {
    code: 'status-contradicts-data',
    severity: ownHealth === 'Red' ? 'high' : 'warn',
    message: `reported Green but the data says ${ownHealth}: ${evidence}`,
  };
}

export function maskedDependencyFlag(
  reported: ReportedStatus | null,
  upstreams: { id: string; health: Health }[],
): Flag | null {
  const red = upstreams.filter((u) => u.health === 'Red').map((u) => u.id);
  if (reported !== 'Green' || red.length === 0) return null;
  return {
    code: 'masked-dependency-risk',
    severity: 'high',
    message: `reported Green while it waits on ${red.join(', ')}, which ${red.length === 1 ? 'is' : 'are'} Red`,
  };
}
