// PKCE for Dropbox comes from core/pkce (the sign-in flow makes the pair); re-exported for the provider's tests.
export { createPkcePair, pkceChallenge, type PkcePair } from '../../core/pkce';
