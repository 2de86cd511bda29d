// The add-in manifest for one environment and one host, made from manifest.xml (the development
// manifest, which sideloads as it is). webpack.config.js writes dist/manifest.xml with it; the tests
// check its output for both environments; `node scripts/manifest.js` prints one without a build, and
// `node scripts/manifest.js --sync-version` (run by `npm version`) copies package.json's version into
// manifest.xml.
//
// Each environment has its own add-in ID, so Office keeps a development add-in and the production one
// side by side instead of one replacing the other, and its own display name, so people can tell them apart.
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
/** Where the development manifest points: webpack's dev server. */
const DEV_URL = 'https://localhost:3000/';

const ENVIRONMENTS = {
  production: { id: '6f1d2c4e-8b3a-4f7e-9c21-5d0e7a9b3c41', displayName: 'Throughline', url: null },
  development: { id: '35559dbc-735d-4d33-9be3-7720a6773998', displayName: 'Throughline (dev)', url: DEV_URL },
};

/** THROUGHLINE_ENV as typed, or the default for how webpack runs (production for `npm run build`). */
function environmentName(value, mode) {
  const typed = (value ?? '').trim().toLowerCase();
  if (typed === '') return mode === 'production' ? 'production' : 'development';
  if (typed === 'production' || typed === 'prod') return 'production';
  if (typed === 'development' || typed === 'dev') return 'development';
  throw new Error(`THROUGHLINE_ENV is "${value}"; use production or development.`);
}

/** An https URL as `variable` gives it; Office refuses anything else in a manifest. */
function httpsUrl(value, variable) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${variable} is "${value}", which is not a URL; give an https address.`);
  }
  if (url.protocol !== 'https:') throw new Error(`${variable} is "${value}"; Office loads add-ins only over https.`);
  return url;
}

/** The host's base URL: https, ending in a slash (the pages are beside each other), no query or fragment. */
function baseUrl(value) {
  const url = httpsUrl(value, 'THROUGHLINE_URL');
  if (url.search || url.hash) throw new Error(`THROUGHLINE_URL is "${value}"; give it without ? or #.`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** package.json's version in the manifest's form: four parts of at most five digits, the fourth 0. */
function manifestVersion(version) {
  const m = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(version);
  if (!m)
    throw new Error(
      `package.json's version is "${version}"; the manifest needs major.minor.patch, each at most five digits ` +
        "(a pre-release tag has no place in Office's four-part version, and would not sort below the release).",
    );
  return `${m[1]}.${m[2]}.${m[3]}.0`;
}

/** Replaces what `pattern` matches, which must be exactly once, so a changed template fails loudly. */
function replaceOnce(xml, pattern, replacement, what) {
  const count = (xml.match(new RegExp(pattern.source, 'g')) ?? []).length;
  if (count !== 1) throw new Error(`manifest.xml should hold one ${what}, and holds ${count}.`);
  return xml.replace(pattern, replacement);
}

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The manifest for `options.environment` served from `options.url` (default: the dev server for
 * development; production needs one). `options.supportUrl` defaults to the support page shipped with
 * the build; `options.version` to package.json's.
 */
function buildManifest(template, options) {
  const env = ENVIRONMENTS[options.environment];
  if (!env) throw new Error(`No environment called ${options.environment}.`);
  const given = options.url ?? env.url;
  if (!given)
    throw new Error('A production manifest needs THROUGHLINE_URL: the https address the add-in is served from.');
  const url = baseUrl(given);
  const support = options.supportUrl
    ? httpsUrl(options.supportUrl, 'THROUGHLINE_SUPPORT_URL').href
    : `${url}support.html`;
  const version = manifestVersion(options.version ?? readPackageVersion());
  // The template's note on itself is replaced by one on what this manifest is.
  let xml = template.replace(
    /<!--[\s\S]*?-->\n/,
    `<!-- Throughline ${options.environment} manifest for ${escapeXml(url)}, made from manifest.xml by scripts/manifest.js. -->\n`,
  );
  xml = replaceOnce(xml, /<Id>[^<]*<\/Id>/, `<Id>${env.id}</Id>`, '<Id>');
  xml = replaceOnce(xml, /<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`, '<Version>');
  xml = replaceOnce(
    xml,
    /<DisplayName DefaultValue="[^"]*"\/>/,
    `<DisplayName DefaultValue="${escapeXml(env.displayName)}"/>`,
    '<DisplayName>',
  );
  xml = replaceOnce(
    xml,
    /<SupportUrl DefaultValue="[^"]*"\/>/,
    `<SupportUrl DefaultValue="${escapeXml(support)}"/>`,
    '<SupportUrl>',
  );
  xml = replaceOnce(
    xml,
    /<AppDomain>[^<]*<\/AppDomain>/,
    `<AppDomain>${new URL(url).origin}</AppDomain>`,
    '<AppDomain>',
  );
  // Every other URL in the template is the dev server's; they all move to the host.
  return xml.split(DEV_URL).join(escapeXml(url));
}

function readPackageVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
}

function readTemplate() {
  return fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
}

/** Writes package.json's version into manifest.xml (which stays the development manifest). */
function syncVersion() {
  const file = path.join(ROOT, 'manifest.xml');
  const xml = readTemplate();
  const next = replaceOnce(
    xml,
    /<Version>[^<]*<\/Version>/,
    `<Version>${manifestVersion(readPackageVersion())}</Version>`,
    '<Version>',
  );
  if (next !== xml) fs.writeFileSync(file, next);
}

module.exports = { ENVIRONMENTS, DEV_URL, environmentName, baseUrl, manifestVersion, buildManifest, readTemplate };

if (require.main === module) {
  try {
    if (process.argv.includes('--sync-version')) {
      syncVersion();
    } else {
      const environment = environmentName(process.env.THROUGHLINE_ENV, 'production');
      process.stdout.write(
        buildManifest(readTemplate(), {
          environment,
          url: process.env.THROUGHLINE_URL || undefined,
          supportUrl: process.env.THROUGHLINE_SUPPORT_URL || undefined,
        }),
      );
    }
  } catch (e) {
    process.stderr.write(`scripts/manifest.js: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
