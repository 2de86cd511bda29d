// Offline checks of the add-in manifests (Microsoft's validator needs its online service: `npm run validate`):
// manifest.xml as it sideloads for development, and the production manifest `npm run build` writes,
// made by the same function webpack runs (scripts/manifest.js) for a host under a path of its own.
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildManifest, readTemplate } from '../../scripts/manifest';

const ROOT = path.join(__dirname, '../..');
const PROD_URL = 'https://addins.contoso.com/throughline/';

type Node = Record<string, unknown>;

/** Walks the ordered tree, calling `visit(name, attributes, children)` for every element. */
function walk(nodes: Node[], visit: (name: string, attrs: Record<string, string>, children: Node[]) => void): void {
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (!name) continue;
    const children = (node[name] as Node[]) ?? [];
    visit(name, (node[':@'] as Record<string, string>) ?? {}, children);
    walk(children, visit);
  }
}

function childNames(nodes: Node[]): string[] {
  return nodes
    .map((n) => Object.keys(n).find((k) => k !== ':@' && k !== '#text'))
    .filter((k): k is string => Boolean(k));
}

function textOf(children: Node[]): string {
  return children
    .map((c) => String(c['#text'] ?? ''))
    .join('')
    .trim();
}

const manifests: [string, string, string][] = [
  ['manifest.xml (development)', readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'), 'https://localhost:3000/'],
  ['the production manifest', buildManifest(readTemplate(), { environment: 'production', url: PROD_URL }), PROD_URL],
];

describe.each(manifests)('%s', (_name, xml, base) => {
  const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@' }).parse(
    xml,
  ) as Node[];
  const officeApp = ordered.find((n) => 'OfficeApp' in n)!.OfficeApp as Node[];

  test('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  test('OfficeApp children follow the schema order', () => {
    const order = [
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ];
    const names = childNames(officeApp);
    expect(names.filter((n) => order.includes(n))).toEqual(order.filter((n) => names.includes(n)));
    expect(names).toEqual(
      expect.arrayContaining([
        'Id',
        'Version',
        'ProviderName',
        'DefaultLocale',
        'DisplayName',
        'Description',
        'Hosts',
        'DefaultSettings',
        'Permissions',
      ]),
    );
  });

  test('VersionOverrides, Resources and the ribbon elements are in schema order', () => {
    walk(ordered, (name, _attrs, children) => {
      const names = childNames(children);
      if (name === 'VersionOverrides') expect(names).toEqual(['Hosts', 'Resources']);
      if (name === 'DesktopFormFactor') expect(names).toEqual(['GetStarted', 'FunctionFile', 'ExtensionPoint']);
      if (name === 'Resources') expect(names).toEqual(['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']);
      if (name === 'Control') expect(names).toEqual(['Label', 'Supertip', 'Icon', 'Action']);
      if (name === 'Group') expect(names.slice(0, 2)).toEqual(['Label', 'Icon']);
    });
  });

  test('a Workbook task pane app that reads and writes the document, on a named ExcelApi set', () => {
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(childNames(officeApp.find((n) => 'Hosts' in n)!.Hosts as Node[])).toEqual(['Host']);
    expect(xml).toMatch(/<Host Name="Workbook"\/>/);
    expect(textOf(officeApp.find((n) => 'Permissions' in n)!.Permissions as Node[])).toBe('ReadWriteDocument');
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
  });

  test('every URL is https', () => {
    const urls: string[] = [];
    walk(ordered, (_name, attrs, children) => {
      for (const v of Object.values(attrs))
        if (/^\w+:\/\//.test(v) && !v.includes('schemas.microsoft.com') && !v.includes('www.w3.org')) urls.push(v);
      const text = textOf(children);
      if (/^\w+:\/\//.test(text)) urls.push(text);
    });
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  test('every resid is defined exactly once, and every defined resource is used', () => {
    const used = new Set<string>();
    const defined: string[] = [];
    walk(ordered, (name, attrs) => {
      if (attrs['@resid']) used.add(attrs['@resid']);
      if (['bt:Image', 'bt:Url', 'bt:String'].includes(name) && attrs['@id']) defined.push(attrs['@id']);
    });
    expect(new Set(defined).size).toBe(defined.length);
    for (const id of used) expect(defined).toContain(id);
    for (const id of defined) expect([...used]).toContain(id);
  });

  test('each ExecuteFunction is registered with Office.actions.associate', () => {
    const functions: string[] = [];
    walk(ordered, (name, _attrs, children) => {
      if (name === 'FunctionName') functions.push(textOf(children));
    });
    const commands = readFileSync(path.join(ROOT, 'src/apps/ribbon/commands.ts'), 'utf8');
    expect(functions).toEqual(['refreshWorkbook']);
    for (const f of functions) expect(commands).toMatch(new RegExp(`Office\\.actions\\.associate\\(\\s*['"]${f}['"]`));
  });

  test('every icon exists at the size its resource declares', () => {
    const icons: { id: string; url: string }[] = [];
    walk(ordered, (name, attrs) => {
      if (name === 'bt:Image' && attrs['@id']) icons.push({ id: attrs['@id'], url: attrs['@DefaultValue'] });
    });
    for (const attr of ['IconUrl', 'HighResolutionIconUrl']) {
      const m = new RegExp(`<${attr} DefaultValue="([^"]+)"`).exec(xml)!;
      icons.push({ id: attr, url: m[1] });
    }
    for (const { id, url } of icons) {
      expect(url.startsWith(base)).toBe(true);
      const file = path.join(ROOT, url.slice(base.length));
      expect(existsSync(file)).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      const named = Number(/icon-(\d+)\.png$/.exec(url)![1]);
      expect([width, height]).toEqual([named, named]);
      const declared = /^Icon\.(\d+)x\d+$/.exec(id);
      if (declared) expect(width).toBe(Number(declared[1]));
    }
    // The ribbon's <bt:Image size="N"> references match the resource sizes.
    walk(ordered, (name, attrs) => {
      if (name === 'bt:Image' && attrs['@size'])
        expect(attrs['@resid']).toBe(`Icon.${attrs['@size']}x${attrs['@size']}`);
    });
  });
});
