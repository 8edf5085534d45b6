import { GatewayError } from './gateway-error';

/**
 * Problems of a request's form, found before anything is transformed, validated or sent upstream
 * (issue #16: every hostile or malformed request gets a clear 4xx).
 */

/** The body nests arrays/objects deeper than the gateway accepts. */
export function bodyTooDeep(maxDepth: number): GatewayError {
  return new GatewayError(
    'BODY_TOO_DEEP',
    `The JSON body nests arrays and objects more than ${maxDepth} levels deep.`,
  );
}

/** The body is not JSON at all; `reason` says where it broke. */
export function invalidJson(reason: string): GatewayError {
  return new GatewayError('INVALID_JSON', `Body is not valid JSON: ${reason}`);
}

/** A key that could change an object's prototype when the body is copied (`__proto__`, `constructor.prototype`). */
export function forbiddenKey(key: string, path: string): GatewayError {
  return new GatewayError(
    'FORBIDDEN_KEY',
    `The body contains the key "${key}" at ${path}; it is not allowed in any request.`,
  );
}

/** A number the gateway could not send and read back exactly. */
export function numberOutOfRange(path: string, detail: string): GatewayError {
  return new GatewayError('NUMBER_OUT_OF_RANGE', `${path}: ${detail}`);
}

/** JSON bodies are UTF-8 (RFC 8259 §8.1); any other declared charset is refused, not guessed. */
export function unsupportedCharset(charset: string): GatewayError {
  return new GatewayError(
    'UNSUPPORTED_CHARSET',
    `The body declares charset "${charset}"; JSON bodies must be UTF-8 (charset=utf-8 or none).`,
  );
}

/** Control characters (NUL, newline, ESC, DEL ...) in a query parameter. */
export function controlCharacterInQuery(parameter: string): GatewayError {
  return new GatewayError(
    'CONTROL_CHARACTER',
    `The query parameter "${parameter}" contains a control character.`,
  );
}

/** A name in the ADOM position that no ADOM can have. */
export function invalidAdomName(where: string): GatewayError {
  return new GatewayError(
    'INVALID_ADOM_NAME',
    `${where} is not a valid ADOM name (letters, digits, "_", "-" and ".", up to 64 characters).`,
  );
}

/** A JSON-RPC url in `POST /rpc` that is not in canonical form. */
export function nonCanonicalRpcUrl(index: number, reason: string): GatewayError {
  return new GatewayError('RPC_URL_NOT_CANONICAL', `params[${index}].url ${reason}.`);
}

/** Workspace lock/commit/unlock on an ADOM whose workspace mode is off. */
export function workspaceModeOff(adom: string): GatewayError {
  return new GatewayError(
    'WORKSPACE_MODE_OFF',
    `ADOM "${adom}" is not in workspace mode: there is nothing to lock, commit or unlock (writes need no lock).`,
  );
}

/** `/managers/{name}/…` with a name no FortiManager (or FortiAnalyzer) of this gateway has. */
export function unknownUpstream(product: 'fmg' | 'faz', name: string): GatewayError {
  return new GatewayError(
    'UPSTREAM_NOT_FOUND',
    `No ${product === 'fmg' ? 'FortiManager' : 'FortiAnalyzer'} is named ${JSON.stringify(name.slice(0, 64))}.`,
  );
}

/** A token whose `managers` claim does not name (or match) this FortiManager. */
export function upstreamNotAllowed(name: string): GatewayError {
  return new GatewayError(
    'UPSTREAM_NOT_ALLOWED',
    `Access to the FortiManager ${JSON.stringify(name)} is not granted to this client.`,
  );
}
