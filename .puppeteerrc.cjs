// caution never uses Puppeteer's own browser download: it cannot work on machines without general
// internet access and would make `npm install` fail. A browser is found at run time instead
// (see src/render/browser/find-browser.ts and the README).
module.exports = {
  skipDownload: true,
};
