// Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce) through
// openid-client. The provider is discovered on the first sign-in, not at start, so a provider that
// is down does not stop the server. The flow's secrets travel in a short-lived signed cookie.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { FLOW_SECONDS } from './oidcFlow';
import type { OidcConfig } from './config';

export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** Same-site path to return to. */
  next: string;
}

export interface SsoIdentity {
  /** `issuer|sub`: stable across email changes. */
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export class Oidc {
  private config: Promise<client.Configuration> | null = null;

  constructor(
    private readonly settings: OidcConfig,
    /** Signs the flow cookie (a server secret shared by every process). */
    private readonly secret: string,
  ) {}

  private configuration(): Promise<client.Configuration> {
    this.config ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, {
        // a plain-http issuer only for local providers (tests, development)
        ...(this.settings.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        this.config = null; // try again on the next sign-in
        throw err;
      });
    return this.config;
  }

  /** Where to send the browser, and the flow cookie's value to set. */
  async start(redirectUri: string, next: string): Promise<{ url: string; cookie: string }> {
    const config = await this.configuration();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, cookie: this.seal(pending) };
  }

  /** Exchanges the code of `callbackUrl` and checks state, nonce and the ID token; throws on any failure. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<SsoIdentity> {
    const config = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken?.sub) throw new Error('the ID token has no subject');
    // many providers put email and name only in userinfo (checked to be about the same subject)
    const claims: Record<string, unknown> =
      typeof idToken.email === 'string'
        ? idToken
        : { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    return {
      subject: `${idToken.iss}|${idToken.sub}`,
      email,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' ? claims.name : null,
    };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`oidc\n${payload}`).digest('base64url');
  }

  seal(pending: PendingSignIn): string {
    const payload = Buffer.from(JSON.stringify({ ...pending, exp: Date.now() + FLOW_SECONDS * 1000 })).toString(
      'base64url',
    );
    return `${payload}.${this.mac(payload)}`;
  }

  /** The pending sign-in of a flow cookie, if it is ours, intact and fresh. */
  open(value: string | null): PendingSignIn | null {
    if (!value) return null;
    const [payload, mac] = value.split('.');
    if (!payload || !mac) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PendingSignIn & { exp: number };
      if (typeof parsed.exp !== 'number' || parsed.exp < Date.now()) return null;
      return { state: parsed.state, nonce: parsed.nonce, verifier: parsed.verifier, next: parsed.next };
    } catch {
      return null;
    }
  }
}
