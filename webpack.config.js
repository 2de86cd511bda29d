// Builds the add-in: the task pane, the ribbon commands and the outcome dialog, into dist/.
// Office.js is an external loaded from Microsoft's CDN; the .xlsx layer only reaches the lazy file-mode chunk.
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
/** Where the add-in is hosted in production; manifest URLs are rewritten to it at build time. */
const PROD_URL = process.env.THROUGHLINE_URL || 'https://throughline.example.com/';

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
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*', to: 'assets/[name][ext]' },
          { from: 'examples/rollout.xlsx', to: 'examples/rollout.xlsx' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : Buffer.from(content.toString().split(DEV_URL).join(PROD_URL))),
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
