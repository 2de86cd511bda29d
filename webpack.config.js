// Builds the add-in: the task pane, the ribbon commands and the outcome dialog, into dist/.
// Office.js is an external loaded from Microsoft's CDN; the .xlsx layer only reaches the lazy file-mode chunk.
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { buildManifest, environmentName } = require('./scripts/manifest.js');

/** A production build without THROUGHLINE_URL still builds (the tests do), for a host that says what it is. */
const PLACEHOLDER_URL = 'https://throughline.example.com/';

/**
 * THROUGHLINE_ENV (production or development; by default production for `npm run build`, development for
 * the dev server and `npm run build:dev`) picks the add-in ID and display name; THROUGHLINE_URL the host
 * (a production manifest needs it; development defaults to the dev server); THROUGHLINE_SUPPORT_URL the
 * manifest's SupportUrl (default: support.html beside the pane). See docs/deploy.md.
 */
function manifestSettings(mode, env = process.env) {
  const environment = environmentName(env.THROUGHLINE_ENV, mode);
  let url = env.THROUGHLINE_URL || undefined;
  if (!url && environment === 'production') {
    console.warn(
      `THROUGHLINE_URL is not set: dist/manifest.xml points at ${PLACEHOLDER_URL}, which is no host of yours.`,
    );
    url = PLACEHOLDER_URL;
  }
  return { environment, url, supportUrl: env.THROUGHLINE_SUPPORT_URL || undefined };
}

/** office-addin-dev-certs writes these; without them the dev server falls back to http on localhost. */
function devServerType() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };
  const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)]));
  if (!Object.values(paths).every((p) => fs.existsSync(p))) return { type: 'http' };
  return { type: 'https', options: Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, fs.readFileSync(p)])) };
}

module.exports = (env, argv) => {
  const dev = argv.mode !== 'production';
  const manifest = manifestSettings(dev ? 'development' : 'production');
  const version = require('./package.json').version;
  return {
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/apps/pane/index.tsx',
      commands: './src/apps/ribbon/commands.ts',
      outcome: './src/apps/ribbon/outcome.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
      // pptxgenjs imports fs and https only when it runs in Node (to read media from disk); the page never does.
      fallback: { fs: false, https: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } },
        },
      ],
    },
    externals: { 'office-js': 'Office' },
    performance: { hints: false },
    plugins: [
      // Webpack cannot read the node: scheme for the web; pptxgenjs's node:fs and node:https become the
      // plain names, which the fallback above turns into empty modules.
      new webpack.NormalModuleReplacementPlugin(/^node:(fs|https)$/, (resource) => {
        if (/pptxgenjs/.test(resource.context)) resource.request = resource.request.slice('node:'.length);
      }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/apps/pane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/apps/ribbon/commands.html',
        chunks: ['commands'],
      }),
      new HtmlWebpackPlugin({
        filename: 'outcome.html',
        template: './src/apps/ribbon/outcome.html',
        chunks: ['outcome'],
      }),
      new HtmlWebpackPlugin({
        filename: 'support.html',
        template: './src/apps/support/support.html',
        chunks: [],
        version,
        environment: manifest.environment,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*', to: 'assets/[name][ext]' },
          { from: 'examples/rollout.xlsx', to: 'examples/rollout.xlsx' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => Buffer.from(buildManifest(content.toString(), manifest)),
          },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: devServerType(),
      static: { directory: path.resolve(__dirname, 'dist') },
      client: { overlay: { warnings: false } },
    },
  };
};

module.exports.manifestSettings = manifestSettings;
