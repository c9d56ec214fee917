#!/usr/bin/env node
'use strict';
// @sigstore/oci as an independent writer of image referrers, for Provenant's interop tests: attaches a
// Sigstore bundle to an image in a registry exactly as GitHub's actions/attest does with
// push-to-registry (attachArtifactToImage with the bundle's own media type and the annotations
// dev.sigstore.bundle.content and dev.sigstore.bundle.predicateType).
//
//   node attach.js --image REGISTRY/REPOSITORY@sha256:HEX --bundle B.sigstore.json [--predicate-type URI]
//   exit 0 attached (prints the referrer manifest's digest), 2 usage or unreadable input, 3 the
//   registry failed; one line on stdout or stderr.
//
// The predicate type annotated is --predicate-type, else the one the bundle's DSSE statement names (as
// actions/attest annotates the predicate type it signed). Credentials come from Docker's config.json
// through @sigstore/oci's getRegistryCredentials, as actions/attest reads them; a registry without an
// entry there is used anonymously. @sigstore/oci speaks plain HTTP to localhost and 127.0.0.1 only.
const fs = require('fs');
const { attachArtifactToImage, getRegistryCredentials } = require('@sigstore/oci');

class UsageError extends Error {}

function parse(argv) {
  const opts = {};
  const withValue = { '--image': 'image', '--bundle': 'bundle', '--predicate-type': 'predicateType' };
  for (let i = 0; i < argv.length; i++) {
    const name = withValue[argv[i]];
    if (!name) throw new UsageError(`unknown argument ${argv[i]}`);
    if (i + 1 >= argv.length) throw new UsageError(`${argv[i]} needs a value`);
    opts[name] = argv[++i];
  }
  if (!opts.image || !opts.bundle) throw new UsageError('--image and --bundle are required');
  const at = opts.image.lastIndexOf('@');
  if (at < 0 || !/^sha256:[0-9a-f]{64}$/.test(opts.image.slice(at + 1))) {
    throw new UsageError('--image must be REGISTRY/REPOSITORY@sha256:HEX');
  }
  opts.imageName = opts.image.slice(0, at);
  opts.imageDigest = opts.image.slice(at + 1);
  let bundle;
  try {
    opts.bundleBytes = fs.readFileSync(opts.bundle);
    bundle = JSON.parse(opts.bundleBytes.toString('utf8'));
  } catch (e) {
    throw new UsageError(`${opts.bundle}: ${e.message}`);
  }
  if (typeof bundle.mediaType !== 'string') throw new UsageError(`${opts.bundle}: no mediaType`);
  opts.mediaType = bundle.mediaType;
  if (!opts.predicateType) {
    try {
      const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
      opts.predicateType = statement.predicateType;
    } catch (e) {
      throw new UsageError(`${opts.bundle}: not a DSSE bundle of an in-toto statement; give --predicate-type`);
    }
    if (typeof opts.predicateType !== 'string') throw new UsageError(`${opts.bundle}: the statement has no predicateType`);
  }
  return opts;
}

function credentials(imageName) {
  try {
    return getRegistryCredentials(imageName);
  } catch (e) {
    return undefined; // no entry for this registry in config.json: anonymous
  }
}

async function main(argv) {
  let opts;
  try {
    opts = parse(argv);
  } catch (e) {
    console.error(`usage: ${e.message}`);
    process.exitCode = 2;
    return;
  }
  try {
    // Passing the bundle's bytes as read (actions/attest passes JSON.stringify of the bundle object)
    // keeps the layer byte-identical to the file, so a test can compare digests.
    const descriptor = await attachArtifactToImage({
      credentials: credentials(opts.imageName),
      imageName: opts.imageName,
      imageDigest: opts.imageDigest,
      artifact: opts.bundleBytes,
      mediaType: opts.mediaType,
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': opts.predicateType,
      },
      fetchOpts: { retry: false, timeout: 30000 },
    });
    console.log(descriptor.digest);
  } catch (e) {
    const cause = e && e.cause ? `: ${String(e.cause.message || e.cause).split('\n')[0]}` : '';
    console.error(`FAIL: ${String((e && e.message) || e).split('\n')[0]}${cause}`);
    process.exitCode = 3;
  }
}

main(process.argv.slice(2));
