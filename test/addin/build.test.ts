// What `npm run build` puts in the manifest for each environment (scripts/manifest.js, run by webpack's
// copy of manifest.xml): an add-in ID and display name per environment, the host's URLs, a SupportUrl and
// package.json's version. The structural checks of both manifests are in manifest.test.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ENVIRONMENTS,
  baseUrl,
  buildManifest,
  environmentName,
  manifestVersion,
  readTemplate,
} from '../../scripts/manifest';

const ROOT = path.join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const HOST = 'https://addins.contoso.com/throughline/';

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
const attr = (xml: string, name: string) => new RegExp(`<${name} DefaultValue="([^"]*)"/>`).exec(xml)?.[1];

describe('one add-in per environment', () => {
  const prod = buildManifest(readTemplate(), { environment: 'production', url: HOST });
  const dev = buildManifest(readTemplate(), { environment: 'development' });

  test('production and development have their own GUIDs and names, so one never replaces the other', () => {
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(tag(prod, 'Id')).toMatch(guid);
    expect(tag(dev, 'Id')).toMatch(guid);
    expect(tag(prod, 'Id')).not.toBe(tag(dev, 'Id'));
    expect(attr(prod, 'DisplayName')).toBe('Throughline');
    expect(attr(dev, 'DisplayName')).toBe('Throughline (dev)');
  });

  test("production keeps the ID every earlier build shipped, so an organisation's deployment updates in place", () => {
    expect(tag(prod, 'Id')).toBe('6f1d2c4e-8b3a-4f7e-9c21-5d0e7a9b3c41');
    expect(ENVIRONMENTS.production.id).toBe('6f1d2c4e-8b3a-4f7e-9c21-5d0e7a9b3c41');
  });

  test("manifest.xml is the development manifest, as it sideloads, at package.json's version", () => {
    const template = readTemplate();
    expect(tag(template, 'Id')).toBe(ENVIRONMENTS.development.id);
    expect(attr(template, 'DisplayName')).toBe('Throughline (dev)');
    expect(tag(template, 'Version')).toBe(`${pkg.version}.0`);
    // Only the note at the top differs from what the build writes for development.
    const withoutNote = (xml: string) => xml.replace(/<!--[\s\S]*?-->\n/, '');
    expect(withoutNote(dev)).toBe(withoutNote(template));
  });

  test('the production manifest is the development one with only the environment and host changed', () => {
    const neutral = (xml: string, base: string) =>
      xml
        .replace(/<!--[\s\S]*?-->\n/, '')
        .replace(/<Id>[^<]*<\/Id>/, '<Id/>')
        .replace(/<DisplayName DefaultValue="[^"]*"\/>/, '<DisplayName/>')
        .replace(/<AppDomain>[^<]*<\/AppDomain>/, '<AppDomain/>')
        .split(base)
        .join('BASE/');
    expect(neutral(prod, HOST)).toBe(neutral(dev, 'https://localhost:3000/'));
    expect(tag(prod, 'AppDomain')).toBe('https://addins.contoso.com');
    expect(prod).not.toContain('localhost');
  });

  test("Version is package.json's in four parts; SupportUrl is the shipped help page unless one is given", () => {
    expect(tag(prod, 'Version')).toBe(`${pkg.version}.0`);
    expect(attr(prod, 'SupportUrl')).toBe(`${HOST}support.html`);
    const own = buildManifest(readTemplate(), {
      environment: 'production',
      url: HOST,
      supportUrl: 'https://help.contoso.com/kb/throughline?from=excel',
      version: '2.3.4',
    });
    expect(attr(own, 'SupportUrl')).toBe('https://help.contoso.com/kb/throughline?from=excel');
    expect(tag(own, 'Version')).toBe('2.3.4.0');
  });

  test('a production manifest needs a host; a development one defaults to the dev server', () => {
    expect(() => buildManifest(readTemplate(), { environment: 'production' })).toThrow(/needs THROUGHLINE_URL/);
    expect(attr(dev, 'SourceLocation')).toBe('https://localhost:3000/taskpane.html');
    const staging = buildManifest(readTemplate(), { environment: 'development', url: 'https://staging.contoso.com' });
    expect(attr(staging, 'SourceLocation')).toBe('https://staging.contoso.com/taskpane.html');
    expect(tag(staging, 'Id')).toBe(ENVIRONMENTS.development.id);
  });

  test('a template that lost an element it must set is refused, not passed through', () => {
    const broken = readTemplate().replace(/<SupportUrl[^>]*\/>\n/, '');
    expect(() => buildManifest(broken, { environment: 'production', url: HOST })).toThrow(
      /should hold one <SupportUrl>, and holds 0/,
    );
  });
});

describe('the settings the build reads', () => {
  test.each([
    ['1.0.0', '1.0.0.0'],
    ['0.1.0', '0.1.0.0'],
    ['12.34.56789', '12.34.56789.0'],
  ])('version %s is %s in the manifest', (version, expected) => {
    expect(manifestVersion(version)).toBe(expected);
  });

  test.each([['1.2.0-beta.1'], ['1.2'], ['123456.0.0'], ['v1.0.0']])('version %s is refused', (version) => {
    expect(() => manifestVersion(version)).toThrow(/major\.minor\.patch/);
  });

  test.each([
    ['https://addins.contoso.com', 'https://addins.contoso.com/'],
    ['https://addins.contoso.com/throughline', 'https://addins.contoso.com/throughline/'],
    ['https://addins.contoso.com/throughline/', 'https://addins.contoso.com/throughline/'],
  ])('THROUGHLINE_URL %s is the base %s', (value, expected) => {
    expect(baseUrl(value)).toBe(expected);
  });

  test.each([
    ['http://addins.contoso.com/', /only over https/],
    ['addins.contoso.com', /not a URL/],
    ['https://addins.contoso.com/?v=1', /without \? or #/],
  ])('THROUGHLINE_URL %s is refused', (value, message) => {
    expect(() => baseUrl(value)).toThrow(message);
  });

  test.each([
    [undefined, 'production', 'production'],
    [undefined, 'development', 'development'],
    ['', 'production', 'production'],
    ['dev', 'production', 'development'],
    ['Production', 'development', 'production'],
  ] as const)('THROUGHLINE_ENV %p with webpack in %s mode is %s', (value, mode, expected) => {
    expect(environmentName(value, mode)).toBe(expected);
  });

  test('an unknown THROUGHLINE_ENV is refused', () => {
    expect(() => environmentName('staging', 'production')).toThrow(/use production or development/);
  });
});

describe('webpack writes that manifest', () => {
  type Pattern = { from: string; to: string; transform?: (content: Buffer) => Buffer };
  type Plugin = { constructor: { name: string }; patterns?: Pattern[]; userOptions?: { filename?: string } };
  // webpack.config.js is CommonJS; it reads the environment when called.
  const config = require('../../webpack.config.js') as (env: object, argv: { mode: string }) => { plugins: Plugin[] };

  function built(mode: string, env: Record<string, string>) {
    const saved = { ...process.env };
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const k of ['THROUGHLINE_ENV', 'THROUGHLINE_URL', 'THROUGHLINE_SUPPORT_URL']) delete process.env[k];
      Object.assign(process.env, env);
      const plugins = config({}, { mode }).plugins;
      const copy = plugins.find((p) => p.patterns)!;
      const pattern = copy.patterns!.find((p) => p.to === 'manifest.xml')!;
      return {
        manifest: pattern.transform!(readFileSync(path.join(ROOT, 'manifest.xml'))).toString(),
        pages: plugins.map((p) => p.userOptions?.filename).filter((f): f is string => Boolean(f)),
        copied: copy.patterns!.map((p) => p.from),
        warnings: warn.mock.calls.map((c) => String(c[0])),
      };
    } finally {
      warn.mockRestore();
      process.env = saved;
    }
  }

  test('`npm run build` with THROUGHLINE_URL: the production manifest for that host', () => {
    const out = built('production', { THROUGHLINE_URL: HOST });
    expect(out.manifest).toBe(buildManifest(readTemplate(), { environment: 'production', url: HOST }));
    expect(out.warnings).toEqual([]);
  });

  test('THROUGHLINE_ENV=development with a host: a test deployment that sits beside production', () => {
    const out = built('production', { THROUGHLINE_URL: HOST, THROUGHLINE_ENV: 'development' });
    expect(tag(out.manifest, 'Id')).toBe(ENVIRONMENTS.development.id);
    expect(attr(out.manifest, 'SourceLocation')).toBe(`${HOST}taskpane.html`);
  });

  test('the dev server: the development manifest on localhost', () => {
    const out = built('development', {});
    expect(tag(out.manifest, 'Id')).toBe(ENVIRONMENTS.development.id);
    expect(attr(out.manifest, 'SourceLocation')).toBe('https://localhost:3000/taskpane.html');
  });

  test('without THROUGHLINE_URL a production build still builds, and says its manifest points nowhere real', () => {
    const out = built('production', {});
    expect(out.warnings.join('\n')).toMatch(/THROUGHLINE_URL is not set/);
    expect(attr(out.manifest, 'SourceLocation')).toBe('https://throughline.example.com/taskpane.html');
  });

  test('every page and icon the manifest names is one the build writes', () => {
    const out = built('production', { THROUGHLINE_URL: HOST });
    const named = [...out.manifest.matchAll(/"(https:\/\/[^"]+)"/g)]
      .map((m) => m[1])
      .filter((u) => u.startsWith(HOST))
      .map((u) => u.slice(HOST.length));
    expect(named.length).toBeGreaterThan(5);
    for (const file of new Set(named)) {
      if (file.startsWith('assets/')) expect(out.copied).toContain('assets/*');
      else expect(out.pages).toContain(file);
    }
    expect(out.pages).toContain('support.html');
  });
});

describe('the pages it serves', () => {
  const csp = (file: string) =>
    /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
      readFileSync(path.join(ROOT, file), 'utf8'),
    )?.[1];

  test('the pane, the ribbon commands and the dialog carry one policy: this origin and the Office.js CDN', () => {
    const policies = [
      'src/apps/pane/taskpane.html',
      'src/apps/ribbon/commands.html',
      'src/apps/ribbon/outcome.html',
    ].map(csp);
    expect(new Set(policies).size).toBe(1);
    const directives = new Map(
      policies[0]!.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });

  test('the pages load scripts only from this origin and Office.js from its CDN', () => {
    for (const file of [
      'src/apps/pane/taskpane.html',
      'src/apps/ribbon/commands.html',
      'src/apps/ribbon/outcome.html',
    ]) {
      const html = readFileSync(path.join(ROOT, file), 'utf8');
      const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      expect(sources).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
    }
  });

  test('the help page runs no script and says which version and environment it belongs to', () => {
    const html = readFileSync(path.join(ROOT, 'src/apps/support/support.html'), 'utf8');
    expect(csp('src/apps/support/support.html')).toMatch(/^default-src 'none';/);
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('<%= htmlWebpackPlugin.options.version %>');
    expect(html).toContain('<%= htmlWebpackPlugin.options.environment %>');
  });
});

describe('docs/deploy.md says what the build does', () => {
  const doc = readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
  const pagePolicy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
    readFileSync(path.join(ROOT, 'src/apps/pane/taskpane.html'), 'utf8'),
  )![1];

  test("every Content-Security-Policy it gives a host is the pages' own policy, word for word", () => {
    // Up to the quote that closes it in nginx and JSON, or the end of the line in the plain header.
    const given = [...doc.matchAll(/default-src[^"\n]*/g)].map((m) => m[0]);
    expect(given.length).toBeGreaterThanOrEqual(4);
    for (const policy of given) expect(policy).toBe(pagePolicy);
  });

  test('it names both environments with their IDs and names', () => {
    for (const env of Object.values(ENVIRONMENTS)) {
      expect(doc).toContain(`\`${env.id}\``);
      expect(doc).toContain(`| ${env.displayName} |`);
    }
  });

  test('the README links it', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('](docs/deploy.md)');
  });
});

describe('node scripts/manifest.js, for an admin who needs only the manifest', () => {
  const script = (env: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('THROUGHLINE_')));
    return spawnSync(process.execPath, [path.join(ROOT, 'scripts/manifest.js')], {
      encoding: 'utf8',
      env: { ...clean, ...env },
    });
  };

  test('prints the manifest for THROUGHLINE_URL (production unless THROUGHLINE_ENV says otherwise)', () => {
    const r = script({ THROUGHLINE_URL: HOST });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(buildManifest(readTemplate(), { environment: 'production', url: HOST }));
    const dev = script({ THROUGHLINE_URL: HOST, THROUGHLINE_ENV: 'development' });
    expect(tag(dev.stdout, 'Id')).toBe(ENVIRONMENTS.development.id);
  });

  test('without a host it says what it needs, in one line, and exits 2', () => {
    const r = script({});
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'scripts/manifest.js: A production manifest needs THROUGHLINE_URL: the https address the add-in is served from.\n',
    );
  });
});
