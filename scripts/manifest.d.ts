// Types for scripts/manifest.js (plain CommonJS, so webpack.config.js can require it without a compiler).
export type EnvironmentName = 'production' | 'development';
export const ENVIRONMENTS: Record<EnvironmentName, { id: string; displayName: string; url: string | null }>;
export const DEV_URL: string;
export function environmentName(value: string | undefined, mode: 'production' | 'development'): EnvironmentName;
export function baseUrl(value: string): string;
export function manifestVersion(version: string): string;
export function buildManifest(
  template: string,
  options: { environment: EnvironmentName; url?: string; supportUrl?: string; version?: string },
): string;
export function readTemplate(): string;
