// oidc-provider ships no type declarations; the tests use it as a local identity provider only.
declare module 'oidc-provider';
