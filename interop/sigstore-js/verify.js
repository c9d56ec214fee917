#!/usr/bin/env node
'use strict';
// sigstore-js (@sigstore/verify) as an independent verifier, offline, for Provenant's interop and
// differential tests.
//
// One bundle, the conformance protocol's verify-bundle command:
//   node verify.js verify-bundle --bundle F --trusted-root F
//        (--certificate-identity ID --certificate-oidc-issuer URL | --key PEM) [--allow-no-tlog] ARTIFACT
//   exit 0 verified, 1 not verified, 2 usage or unreadable input; one line on stdout or stderr.
//
// Many bundles in one process: node verify.js batch
//   reads JSON lines on stdin, one request each, and answers each with one JSON line on stdout, in order:
//   {"id": any, "bundleBase64": B64 | "bundle": PATH, "artifact": PATH, "trustedRoot": PATH,
//    "key": PATH | "identity": ID, "issuer": URL, "allowNoTlog": bool}
//   -> {"id": same, "ok": true} | {"id": same, "ok": false, "code": CODE, "error": MESSAGE}
//   A request that cannot be read at all is answered with "ok": false and code "REQUEST".
//
// The identity is matched exactly (sigstore-js treats the policy's subjectAlternativeName as a
// regular expression, so it is escaped and anchored here). With --key the given key verifies
// whatever key hint the bundle carries, as the conformance protocol means. --allow-no-tlog sets
// sigstore-js's transparency log, CT log and timestamp thresholds to 0, for key-signed bundles made
// without a log or timestamp authority. The artifact must be a file: sigstore-js verifies a message
// signature over the artifact's bytes, not over a digest.
const fs = require('fs');
const crypto = require('crypto');
const readline = require('readline');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const { TrustedRoot } = require('@sigstore/protobuf-specs');

class UsageError extends Error {}

// Read-once caches: a batch names the same trusted roots, keys and artifacts many times.
const roots = new Map();
const keys = new Map();
const artifacts = new Map();

function cached(map, path, load) {
  if (!map.has(path)) {
    let value;
    try {
      value = load(fs.readFileSync(path));
    } catch (e) {
      throw new UsageError(`${path}: ${e.message}`);
    }
    map.set(path, value);
  }
  return map.get(path);
}

function trustedRoot(path) {
  return cached(roots, path, (bytes) => TrustedRoot.fromJSON(JSON.parse(bytes.toString('utf8'))));
}

function publicKey(path) {
  return cached(keys, path, (bytes) => crypto.createPublicKey(bytes));
}

function artifact(path) {
  return cached(artifacts, path, (bytes) => bytes);
}

// The trust material of a root (and key), built once: it parses every certificate and key of the root.
const materials = new Map();

function trustMaterial(rootPath, keyPath) {
  const id = JSON.stringify([rootPath, keyPath]);
  if (!materials.has(id)) {
    const root = trustedRoot(rootPath);
    if (keyPath === null) {
      materials.set(id, toTrustMaterial(root));
    } else {
      const key = publicKey(keyPath);
      materials.set(id, toTrustMaterial(root, () => ({ publicKey: key, validFor: () => true })));
    }
  }
  return materials.get(id);
}

function exactly(text) {
  return '^' + text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&') + '$';
}

// req: { bundleBytes, artifact, trustedRoot, key | identity+issuer, allowNoTlog }. Throws on failure.
function verify(req) {
  if (!req.artifact || !req.trustedRoot) throw new UsageError('an artifact and a trusted root are required');
  const keyed = req.key !== undefined && req.key !== null;
  if (keyed === (req.identity !== undefined && req.identity !== null)) {
    throw new UsageError('give either a key or an identity and issuer');
  }
  if (!keyed && !req.issuer) throw new UsageError('an identity needs an issuer');
  const trust = trustMaterial(req.trustedRoot, keyed ? req.key : null);
  const data = artifact(req.artifact);
  // From here on every failure is the bundle's: a verdict, not a usage error.
  const bundle = bundleFromJSON(JSON.parse(req.bundleBytes.toString('utf8')));
  const verifier = req.allowNoTlog
    ? new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 })
    : new Verifier(trust);
  const entity = toSignedEntity(bundle, data);
  if (keyed) {
    verifier.verify(entity);
  } else {
    verifier.verify(entity, { subjectAlternativeName: exactly(req.identity), extensions: { issuer: req.issuer } });
  }
}

function parseVerifyBundle(argv) {
  const req = { allowNoTlog: false };
  const withValue = { '--bundle': 'bundle', '--trusted-root': 'trustedRoot', '--key': 'key',
    '--certificate-identity': 'identity', '--certificate-oidc-issuer': 'issuer' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--allow-no-tlog') req.allowNoTlog = true;
    else if (withValue[a]) {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      req[withValue[a]] = argv[++i];
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (req.artifact !== undefined) throw new UsageError('only one artifact');
    else req.artifact = a;
  }
  if (!req.bundle) throw new UsageError('--bundle is required');
  try {
    req.bundleBytes = fs.readFileSync(req.bundle);
  } catch (e) {
    throw new UsageError(`${req.bundle}: ${e.message}`);
  }
  return req;
}

function describe(e) {
  return { code: e instanceof UsageError ? 'USAGE' : (e && e.code) || (e && e.name) || 'ERROR',
    error: String((e && e.message) || e).split('\n')[0] };
}

function batch() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    let id = null;
    let answer;
    try {
      const req = JSON.parse(line);
      id = req.id === undefined ? null : req.id;
      if (typeof req.bundleBase64 === 'string') req.bundleBytes = Buffer.from(req.bundleBase64, 'base64');
      else if (typeof req.bundle === 'string') req.bundleBytes = fs.readFileSync(req.bundle);
      else throw new UsageError('bundleBase64 or bundle is required');
      try {
        verify(req);
        answer = { id, ok: true };
      } catch (e) {
        answer = { id, ok: false, ...describe(e) };
      }
    } catch (e) {
      answer = { id, ok: false, code: 'REQUEST', error: describe(e).error };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
}

function main(argv) {
  const command = argv[0];
  if (command === 'batch') return batch();
  if (command !== 'verify-bundle') {
    console.error('usage: verify.js verify-bundle --bundle F --trusted-root F (--certificate-identity ID '
      + '--certificate-oidc-issuer URL | --key PEM) [--allow-no-tlog] ARTIFACT | verify.js batch');
    process.exitCode = 2;
    return undefined;
  }
  try {
    verify(parseVerifyBundle(argv.slice(1)));
    console.log('OK');
  } catch (e) {
    const { code, error } = describe(e);
    console.error(`FAIL: ${code} ${error}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
  return undefined;
}

main(process.argv.slice(2));
