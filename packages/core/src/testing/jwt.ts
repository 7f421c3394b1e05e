import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import type { JwtSettings } from "../scope/index.ts";

export const TEST_ISSUER = "https://id.portal.test/";
export const TEST_AUDIENCE = "poet-api";

/**
 * A membership portal's identity provider, for tests: its signing key published as a JWKS on a
 * local port (fetched by the API over HTTP, as from the real provider), and a way to sign tokens
 * with it or with a key it does not publish.
 */
export async function startIdentityProvider() {
  const published = await generateKeyPair("ES256", { extractable: true });
  const impostor = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(published.publicKey)), kid: "portal-1", alg: "ES256", use: "sig" };
  const server = createServer((req, res) => {
    res.writeHead(req.url === "/jwks.json" ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const settings: JwtSettings = {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    clockToleranceSeconds: 5,
  };
  return {
    settings,
    /** A token for `org` with `role`, valid for an hour unless `claims` or `options` say otherwise (`anonymous`: no `sub`). */
    async sign(
      claims: JWTPayload & { org?: string; role?: string },
      options: { issuer?: string; audience?: string; expiresAt?: number; impostor?: boolean; anonymous?: boolean } = {},
    ) {
      const token = new SignJWT({ ...claims }).setProtectedHeader({ alg: "ES256", kid: "portal-1" });
      if (!options.anonymous) token.setSubject(String(claims.sub ?? "user-1"));
      return token
        .setIssuer(options.issuer ?? TEST_ISSUER)
        .setAudience(options.audience ?? TEST_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 3600)
        .sign(options.impostor ? impostor.privateKey : published.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
