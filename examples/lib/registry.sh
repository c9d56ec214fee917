# Sourced by examples/oci/demo.sh and bench/verify-image.sh: Debian's docker-registry on a free loopback
# port with a throwaway config, and small OCI image layouts to push to it.

sha256() { sha256sum "$1" | cut -c1-64; }

# start_registry BIN DIR SECRET LOG_LEVEL: serves a registry with its storage and log in DIR; sets
# registry (127.0.0.1:PORT), registry_port and registry_pid, and returns once it accepts connections.
start_registry() {
  local bin="$1" dir="$2" secret="$3" level="$4" candidate
  registry_port=""
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then registry_port="$candidate"; break; fi
  done
  [[ -n "$registry_port" ]] || { echo "no free loopback port" >&2; return 1; }
  registry="127.0.0.1:$registry_port"
  mkdir -p "$dir/storage"
  printf 'version: 0.1\nlog:\n  level: %s\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n  secret: %s\n' \
    "$level" "$dir/storage" "$registry" "$secret" > "$dir/registry.yml"
  "$bin" serve "$dir/registry.yml" > "$dir/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 100); do
    (exec 3<> "/dev/tcp/127.0.0.1/$registry_port") 2>/dev/null && return 0
    kill -0 "$registry_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "docker-registry did not start; its log: $dir/registry.log" >&2
  return 1
}

# oci_layout DIR TEXT: an OCI image layout in DIR holding one image, tagged 1.0, whose one layer is a
# tar of app.txt holding TEXT.
oci_layout() {
  local dir="$1" text="$2" layer config manifest
  mkdir -p "$dir/blobs/sha256" "$dir/rootfs"
  printf '%s\n' "$text" > "$dir/rootfs/app.txt"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$dir/rootfs" -cf "$dir/layer.tar" app.txt
  layer="$(sha256 "$dir/layer.tar")"
  cp "$dir/layer.tar" "$dir/blobs/sha256/$layer"
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"config":{"Cmd":["cat","/app.txt"]}}' \
    "$layer" > "$dir/config.json"
  config="$(sha256 "$dir/config.json")"
  cp "$dir/config.json" "$dir/blobs/sha256/$config"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%d}]}' \
    "$config" "$(stat -c %s "$dir/config.json")" "$layer" "$(stat -c %s "$dir/layer.tar")" > "$dir/manifest.json"
  manifest="$(sha256 "$dir/manifest.json")"
  cp "$dir/manifest.json" "$dir/blobs/sha256/$manifest"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"1.0"}}]}' \
    "$manifest" "$(stat -c %s "$dir/manifest.json")" > "$dir/index.json"
}
