// DAISY Ace on several EPUBs in one Node process and one chromium (the tests' runner).
//
// Takes pairs of arguments: an EPUB, then the folder where its own report.json goes.
// Gives, for each EPUB, the report `ace-cli --outdir FOLDER EPUB` writes; an EPUB Ace
// cannot check gets no report and one line on stderr. Ace launches and closes the browser
// around every EPUB; here it is launched once and closed at the end, which is the saving.
// Run from anywhere: node tools/ace/ace-many.js book.epub out/book [other.epub out/other ...]
'use strict';

const ace = require('@daisy/ace-core');
const logger = require('@daisy/ace-logger');
const runner = require('@daisy/ace-axe-runner-puppeteer');

let launched = false;
const sharedBrowser = Object.assign({}, runner, {
  launch: async () => {
    if (!launched) {
      await runner.launch();
      launched = true;
    }
  },
  close: async () => {},
});

async function main(args) {
  logger.initLogger({ verbose: false, silent: true });
  for (let i = 0; i + 1 < args.length; i += 2) {
    try {
      await ace(args[i], { cwd: process.cwd(), outdir: args[i + 1], silent: true, jobId: '' },
        sharedBrowser);
    } catch (err) {
      console.error(`${args[i]}: ${err && err.message ? err.message : err}`);
    }
  }
  if (launched) await runner.close();
}

main(process.argv.slice(2)).then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
