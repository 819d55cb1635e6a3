/** Links the gateway hands out, on its public URL. */
type PublicUrl = { PUBLIC_GATEWAY_URL: string };

const base = (config: PublicUrl) => config.PUBLIC_GATEWAY_URL.replace(/\/+$/, '');

/** The hosted connect page of a session's token. */
export const connectLinkOf = (config: PublicUrl, token: string): string => `${base(config)}/connect/${token}`;

/** Where providers send the browser back after OAuth consent (the redirect URI of every tenant's OAuth app). */
export const oauthCallbackUrl = (config: PublicUrl): string => `${base(config)}/connect/oauth/callback`;
