// Sign-in targets shared by the Dropbox provider tests.

/** A Codespaces-style callback as asExternalUri gives it: long host, long query. */
export const CODESPACES_TARGET =
  'https://fluffy-space-waddle-5g4q7x9v6rj2vxp7.github.dev/extension-auth-callback?' +
  new URLSearchParams({
    'vscode-reqid': '3',
    'vscode-scheme': 'vscode',
    'vscode-authority': 'signdesk.signdesk',
    'vscode-path': '/callback',
    'vscode-query': `nonce=${'n'.repeat(43)}&windowId=17&service=dropbox`,
    windowId: '17',
    payload: JSON.stringify({ tunnel: 'fluffy-space-waddle-5g4q7x9v6rj2vxp7', cluster: 'euw', connectionToken: 'c'.repeat(40) }),
  }).toString();
