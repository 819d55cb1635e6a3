import type { CredentialDefinition, ProviderDefinition } from '@app/providers';

/**
 * The hosted connect page, rendered on the server: plain HTML and one stylesheet, no CDN, a script only
 * where a pop-up must tell its opener the outcome. Every value is escaped; the CSP nonce admits only our
 * own inline style and script.
 */
export interface PageFrame {
  nonce: string;
  /** The tenant's name, shown as whose page this is. */
  brand: string;
  /** Where the page's form may lead besides here: the session's redirect origin (CSP form-action). */
  redirectOrigin?: string;
}

export interface FormField {
  name: string;
  label: string;
  help: string;
  secret: boolean;
  pattern?: string;
  required: boolean;
  /** A text area (a PEM private key). */
  multiline?: boolean;
}

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const humanise = (name: string): string => {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const STYLE = `
  :root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --line: #d9dee7; --brand: #3b5bdb; --bad: #b42318; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
         background: #f4f6fa; display: flex; min-height: 100vh; align-items: center; justify-content: center; }
  main { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 32px; width: min(440px, 94vw);
         box-shadow: 0 8px 24px rgba(29, 35, 48, .08); }
  h1 { font-size: 1.35rem; margin: 0 0 4px; }
  p.lead { color: var(--muted); margin: 0 0 24px; }
  ul.providers { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
  ul.providers a { display: block; padding: 12px 16px; border: 1px solid var(--line); border-radius: 8px;
         color: var(--ink); text-decoration: none; font-weight: 600; }
  ul.providers a:hover, ul.providers a:focus { border-color: var(--brand); outline: 2px solid var(--brand); }
  label { display: block; font-weight: 600; margin: 16px 0 4px; }
  .help { color: var(--muted); font-size: .875rem; margin: 0 0 6px; }
  input, textarea { width: 100%; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; font: inherit; }
  textarea { min-height: 8em; font-family: ui-monospace, monospace; font-size: .8rem; }
  input:focus, textarea:focus { outline: 2px solid var(--brand); border-color: var(--brand); }
  button { margin-top: 24px; width: 100%; padding: 12px; border: 0; border-radius: 8px; background: var(--brand);
         color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  button:focus { outline: 3px solid #1d2330; }
  .alert { border: 1px solid var(--bad); background: #fef3f2; color: var(--bad); border-radius: 8px; padding: 12px 16px; }
  .alert ul { margin: 4px 0 0; padding-left: 20px; }
  .ok { color: #067647; }
  footer { margin-top: 24px; color: var(--muted); font-size: .8rem; }
  a.back { color: var(--brand); }
  button.secondary { background: #fff; color: var(--brand); border: 1px solid var(--brand); }
  details { margin-top: 24px; border-top: 1px solid var(--line); padding-top: 16px; }
  summary { cursor: pointer; color: var(--brand); font-weight: 600; }
`;

export function page(frame: PageFrame, title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${escapeHtml(frame.brand)}</title>
<style nonce="${frame.nonce}">${STYLE}</style>
</head>
<body>
<main>
${body}
<footer>Connecting to ${escapeHtml(frame.brand)} · credentials are encrypted and never shown again</footer>
</main>
${script ? `<script nonce="${frame.nonce}">${script}</script>` : ''}
</body>
</html>`;
}

export function providerListPage(
  frame: PageFrame,
  providers: readonly ProviderDefinition[],
  hrefOf: (provider: string) => string,
): string {
  const items = providers
    .map((d) => `<li><a href="${escapeHtml(hrefOf(d.name))}">${escapeHtml(d.displayName)}</a></li>`)
    .join('\n');
  return page(
    frame,
    'Connect an account',
    `<h1>Connect an account</h1>
<p class="lead">Choose the tool your team uses.</p>
<nav aria-label="Providers"><ul class="providers">${items}</ul></nav>`,
  );
}

/** The settings our user did not fix (nor an OAuth connection finds by itself), as form fields. */
export function settingFieldsOf(
  definition: ProviderDefinition,
  preset: Record<string, string>,
  foundLater: readonly string[] = [],
): FormField[] {
  return Object.entries(definition.connectionSettings)
    .filter(([name]) => preset[name] === undefined && !foundLater.includes(name))
    .map(([name, s]) => ({
      name: `settings.${name}`,
      label: humanise(name),
      help: s.description,
      secret: false,
      pattern: s.pattern,
      required: s.required,
    }));
}

/**
 * Form fields: the settings our user did not fix, then the credentials (the definition's own, or those of
 * its app installation method).
 */
export function formFieldsOf(
  definition: ProviderDefinition,
  preset: Record<string, string>,
  fields: Record<string, CredentialDefinition> = definition.credentials,
): FormField[] {
  const settings = settingFieldsOf(definition, preset);
  const credentials = Object.entries(fields).map(([name, c]) => ({
    name: `credentials.${name}`,
    label: c.label ?? humanise(name),
    help: c.description,
    secret: c.secret ?? true,
    pattern: c.pattern,
    required: !c.optional,
    multiline: c.multiline,
  }));
  return [...settings, ...credentials];
}

function inputsOf(fields: readonly FormField[], prefix: string, values: Record<string, string> = {}): string {
  return fields
    .map((f, i) => {
      const id = `${prefix}${i}`;
      // Secrets are never echoed back into the page, even after a failed attempt.
      const value = !f.secret && values[f.name] ? ` value="${escapeHtml(values[f.name])}"` : '';
      const pattern = f.pattern ? ` pattern="${escapeHtml(f.pattern)}"` : '';
      const common = `id="${id}" name="${escapeHtml(f.name)}" autocomplete="off" aria-describedby="${id}-help"${f.required ? ' required' : ''}`;
      if (f.multiline)
        return `<label for="${id}">${escapeHtml(f.label)}</label>
<p class="help" id="${id}-help">${escapeHtml(f.help)}</p>
<textarea ${common} spellcheck="false">${f.secret ? '' : escapeHtml(values[f.name] ?? '')}</textarea>`;
      return `<label for="${id}">${escapeHtml(f.label)}</label>
<p class="help" id="${id}-help">${escapeHtml(f.help)}</p>
<input id="${id}" name="${escapeHtml(f.name)}" type="${f.secret ? 'password' : 'text'}" autocomplete="off"
 aria-describedby="${id}-help"${f.required ? ' required' : ''}${pattern}${value}>`;
    })
    .join('\n');
}

export interface ConnectFormState {
  values?: Record<string, string>;
  problems?: string[];
  backHref?: string;
  /** Which form the problems are about (the alternative forms are folded away unless one failed). */
  failed?: ConnectForm;
  /** When the tenant has an OAuth app for the provider: where "Continue with …" posts, and what it asks first. */
  oauth?: { action: string; fields: readonly FormField[] };
  /** When the provider offers an app installation (a GitHub App): its form. */
  app?: { action: string; label: string; fields: readonly FormField[] };
}

export type ConnectForm = 'oauth' | 'credentials' | 'app';

export function credentialFormPage(
  frame: PageFrame,
  definition: ProviderDefinition,
  fields: readonly FormField[],
  action: string,
  state: ConnectFormState = {},
): string {
  const name = escapeHtml(definition.displayName);
  const alert = state.problems?.length
    ? `<div class="alert" role="alert" id="problems"><strong>That did not work.</strong><ul>${state.problems
        .map((p) => `<li>${escapeHtml(p)}</li>`)
        .join('')}</ul></div>`
    : '';
  const back = state.backHref
    ? `<p><a class="back" href="${escapeHtml(state.backHref)}">← Other tools</a></p>`
    : '';
  const oauth = state.oauth
    ? `<form method="post" action="${escapeHtml(state.oauth.action)}" novalidate aria-label="Sign in with ${name}">
${inputsOf(state.oauth.fields, 'o', state.values)}
<button type="submit">Continue with ${name}</button>
</form>`
    : '';
  const credentials = `<form method="post" action="${escapeHtml(action)}" novalidate aria-label="Credentials for ${name}">
${inputsOf(fields, 'f', state.values)}
<button type="submit"${state.oauth ? ' class="secondary"' : ''}>Connect ${name}</button>
</form>`;
  // With sign-in offered, the credential form is the alternative, folded away (native <details>: no script).
  const alternative = state.oauth
    ? `<details${state.failed === 'credentials' ? ' open' : ''}><summary>Or enter credentials instead</summary>${credentials}</details>`
    : credentials;
  const app = state.app
    ? `<details${state.failed === 'app' ? ' open' : ''}><summary>Or connect a ${escapeHtml(state.app.label)}</summary>
<form method="post" action="${escapeHtml(state.app.action)}" novalidate aria-label="${escapeHtml(state.app.label)} for ${name}">
${inputsOf(state.app.fields, 'a', state.values)}
<button type="submit" class="secondary">Connect with a ${escapeHtml(state.app.label)}</button>
</form></details>`
    : '';
  return page(
    frame,
    `Connect ${definition.displayName}`,
    `${back}<h1>Connect ${name}</h1>
<p class="lead">${
      state.oauth ? `Sign in with ${name}, or enter` : 'Enter'
    } the details below; they are checked with ${name} before anything is saved.</p>
${alert}
${oauth}${alternative}${app}`,
  );
}

/** Hands the browser over to the provider's consent page: a meta refresh, and a link for anyone it misses. */
export function continuePage(frame: PageFrame, displayName: string, location: string): string {
  const html = page(
    frame,
    `Continue to ${displayName}`,
    `<h1>Continue to ${escapeHtml(displayName)}</h1>
<p class="lead" role="status">Taking you to ${escapeHtml(displayName)} to approve access…</p>
<p><a class="back" href="${escapeHtml(location)}">Continue to ${escapeHtml(displayName)}</a></p>`,
  );
  return html.replace(
    '<meta name="robots" content="noindex">',
    `<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0;url=${escapeHtml(location)}">`,
  );
}

export function messagePage(frame: PageFrame, title: string, message: string): string {
  return page(
    frame,
    title,
    `<h1>${escapeHtml(title)}</h1>
<div class="alert" role="alert">${escapeHtml(message)}</div>`,
  );
}

/**
 * Shown when the session has no redirect URL: tells a pop-up's opener (only on the tenant's allowed
 * origins) which connection was made, then closes; a full-page visit just reads the message.
 */
export function connectedPage(
  frame: PageFrame,
  displayName: string,
  connectionId: string,
  externalId: string | null,
  openerOrigins: readonly string[],
): string {
  const message = JSON.stringify({
    type: 'ticketing.connect.success',
    connection_id: connectionId,
    external_id: externalId,
  });
  const script = `(function () {
  var opener = window.opener;
  if (!opener) return;
  ${JSON.stringify(openerOrigins)}.forEach(function (origin) { opener.postMessage(${message}, origin); });
  setTimeout(function () { window.close(); }, 300);
})();`.replace(/</g, '\\u003c');
  return page(
    frame,
    `${displayName} connected`,
    `<h1 class="ok">${escapeHtml(displayName)} connected</h1>
<p class="lead" role="status">You can close this window.</p>
<p>Connection <code>${escapeHtml(connectionId)}</code></p>`,
    script,
  );
}
