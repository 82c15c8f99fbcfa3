package io.opsledger.identity.api;

/** How a login is carried: an opaque token (DRF "Token"), a JWT pair, or a browser session cookie. */
public enum SessionKind { TOKEN, JWT, WEB_SESSION }
