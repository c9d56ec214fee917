-- Attestation bundles, keyed by the SHA-256 of their bytes, indexed by subject digest, predicate type and signer.
CREATE TABLE bundle (
    digest         text PRIMARY KEY CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
    content        bytea NOT NULL,
    predicate_type text,
    signer         text NOT NULL,
    stored_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bundle_predicate_type ON bundle (predicate_type);
CREATE INDEX bundle_signer ON bundle (signer);

CREATE TABLE bundle_subject (
    subject_digest text NOT NULL,
    bundle_digest  text NOT NULL REFERENCES bundle (digest) ON DELETE CASCADE,
    PRIMARY KEY (subject_digest, bundle_digest)
);

-- The decision log: leaf i of the Merkle tree is the row with leaf_index i. The primary key refuses a
-- second leaf at one index; appends also take a lock on the table (see PostgresStore).
CREATE TABLE decision_leaf (
    leaf_index  bigint PRIMARY KEY CHECK (leaf_index >= 0),
    content     bytea NOT NULL,
    leaf_hash   bytea NOT NULL CHECK (length(leaf_hash) = 32),
    appended_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE decision_subject (
    subject_digest text NOT NULL,
    leaf_index     bigint NOT NULL REFERENCES decision_leaf (leaf_index) ON DELETE CASCADE,
    PRIMARY KEY (subject_digest, leaf_index)
);

-- One signed checkpoint per tree size, stored in the same transaction as the leaf that ends the tree.
CREATE TABLE decision_checkpoint (
    position  bigserial PRIMARY KEY,
    tree_size bigint NOT NULL UNIQUE CHECK (tree_size > 0),
    note      text NOT NULL
);
