// The budc extension for VS Code: the .bud language (grammar and language configuration come
// from package.json) and a client of budc's language server, `budc lsp`, which reports the
// diagnostics of the workspace as you type and answers hover, completion, go to definition,
// the outline and formatting.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration('budc');
  const args = ['lsp'];
  const language = config.get('language', 'auto');
  if (language === 'zh' || language === 'en') args.push('--lang=' + language);
  // Otherwise budc lsp takes VS Code's display language, which the client sends as the
  // locale of initialize (zh-cn: messages in Chinese).
  return { command: config.get('path', 'budc') || 'budc', args, transport: TransportKind.stdio };
}

const clientOptions = {
  documentSelector: [{ scheme: 'file', language: 'bud' }],
  // Go to definition may lead into the standard library budc carries (a template, a unit, a
  // catalogue code): budc serves those documents as budc-stdlib: URIs.
  initializationOptions: { stdlibDocuments: true },
};

async function activate(context) {
  client = new LanguageClient('budc', 'budc', serverOptions(), clientOptions);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('budc-stdlib', {
      async provideTextDocumentContent(uri) {
        const answer = await client.sendRequest('workspace/textDocumentContent', { uri: uri.toString() });
        return answer.text;
      },
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('budc') && client) {
        await client.stop();
        client = new LanguageClient('budc', 'budc', serverOptions(), clientOptions);
        await client.start();
      }
    }),
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
