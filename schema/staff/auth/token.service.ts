import { SignJWT, jwtVerify } from 'jose';
import { AppError } from '../../common/app-error';

/** What a token says: who, which session (so logout can revoke it), until when (epoch ms). */
export interface TokenClaims {
  staffId: string;
  sessionId: string;
  expiresAt: number;
}

/**
 * Signed staff tokens (JWT, HS256 via `jose`, RFC 7519). A shift is 12 h; so is a token. The
 * token names a session (`sid`); whether that session and its account still stand is checked
 * at every request (schema/staff/sessions/session.service.ts), never taken from the token.
 */
export class TokenService {
  private readonly key: Uint8Array;
  /**
   * Tokens whose signature was verified, by the exact token text, until they expire: the HMAC
   * check (WebCrypto, key import included) was the largest single cost of a small request when
   * profiled, and a desk sends the same token all shift. Only a token that verified is kept, so
   * a forged one never matches; whether its session still stands is checked at every request.
   */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    secret: string,
    readonly ttlSeconds = 12 * 3600,
    private readonly maxVerified = 10_000,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(claims: TokenClaims): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.staffId)
      .setIssuer('facilitydesk')
      .setIssuedAt()
      .setExpirationTime(Math.floor(claims.expiresAt / 1000))
      .sign(this.key);
  }

  /** `Bearer <token>` or a bare token → its claims; anything else → UNAUTHENTICATED. */
  async verify(header: string | undefined | null): Promise<TokenClaims> {
    const token = header?.replace(/^Bearer\s+/i, '').trim();
    if (!token) throw new AppError('UNAUTHENTICATED', 'A staff token is required (Authorization: Bearer <token>)');
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known;
    if (known) this.verified.delete(token);
    let claims: TokenClaims;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'facilitydesk', algorithms: ['HS256'] });
      if (!payload.sub || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') {
        throw new Error('bad claims');
      }
      claims = { staffId: payload.sub, sessionId: payload.sid, expiresAt: payload.exp * 1000 };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'The token is invalid or has expired; sign in again');
    }
    if (this.verified.size >= this.maxVerified) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }
}
