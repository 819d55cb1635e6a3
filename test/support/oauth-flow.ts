/**
 * An end user's OAuth round trip on the hosted connect page, over plain HTTP: "Continue with …", the
 * provider's consent page (an emulator's), and the callback with the browser's cookie.
 */
const unescapeHtml = (v: string) =>
  v.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));

export const formPost = (fields: Record<string, string>) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** "Continue with …" on a session's page: the authorize URL it hands over to, and the cookie it set. */
export async function startOAuth(
  gatewayUrl: string,
  sessionUrl: string,
  provider: string,
  fields: Record<string, string>,
) {
  const answer = await fetch(
    `${gatewayUrl}${new URL(sessionUrl).pathname}/${provider}/oauth`,
    formPost(fields),
  );
  const html = await answer.text();
  const refresh = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(html);
  if (!refresh) throw new Error(`no hand-over page (${answer.status}): ${html.slice(0, 500)}`);
  const cookie = answer.headers.get('set-cookie')!.split(';')[0];
  return { authorize: new URL(unescapeHtml(refresh[1])), cookie };
}

/** The end user at the provider's consent page: allow or deny; returns where the provider sends them back. */
export async function consent(authorize: URL, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const page = await fetch(authorize);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const fields = { ...Object.fromEntries(authorize.searchParams), decision };
  const answer = await fetch(`${authorize.origin}${authorize.pathname}`, formPost(fields));
  if (answer.status !== 302) throw new Error(`consent answered ${answer.status}`);
  return new URL(answer.headers.get('location')!);
}

export async function oauthCallback(gatewayUrl: string, url: URL, cookie?: string) {
  const answer = await fetch(`${gatewayUrl}${url.pathname}${url.search}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
  return { status: answer.status, location: answer.headers.get('location'), html: await answer.text() };
}
