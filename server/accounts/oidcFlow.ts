// The sign-in flow's cookie, apart from oidc.ts so that the routes can name it without loading
// openid-client (loaded only when single sign-on is configured).
export const FLOW_COOKIE = 'percorso_oidc';
export const FLOW_SECONDS = 600;
