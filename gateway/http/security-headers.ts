import helmet from 'helmet';

/**
 * The usual headers for the desk and the API alike (helmet): a Content-Security-Policy that lets
 * the desk load only its own files (dashboards/desk has no inline script or style, and talks to
 * `/graphql` over HTTP and WebSocket on its own origin), no framing by anyone, no MIME sniffing.
 * HSTS is left to the TLS proxy in front: this server speaks plain HTTP, and the header would
 * pin the whole domain to HTTPS.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // the desk's favicon is an empty `data:` URL (dashboards/desk/index.html)
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
}
