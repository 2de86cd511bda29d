// Jest runs modules in a vm where import() needs --experimental-vm-modules. pptxgenjs's CommonJS build
// still calls import('node:fs') and import('node:https') whenever it runs in Node (to read media files,
// which the board pack never has), so under Jest those two become the require() they mean.
module.exports = {
  process(source) {
    return { code: source.replace(/\bimport\((['"]node:[a-z]+['"])\)/g, 'Promise.resolve(require($1))') };
  },
};
