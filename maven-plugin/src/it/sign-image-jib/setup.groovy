import groovy.json.JsonOutput
import java.security.MessageDigest

// Debian's docker-registry on a free loopback port with a throwaway config, for the length of the build
// (verify.groovy stops it); then an image pushed to it with skopeo, and the jib-image.json jib:build
// writes after a push (jib:build itself refuses Maven's offline mode, in which these builds run).
['/usr/bin/docker-registry', '/usr/bin/skopeo'].each {
    assert new File(it).canExecute() : "$it is not installed (apt-get install docker-registry skopeo)"
}
def dir = new File(basedir, 'registry')
def storage = new File(dir, 'storage')
storage.mkdirs()
def port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
def config = new File(dir, 'registry.yml')
config.text = """version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${storage}
http:
  addr: 127.0.0.1:${port}
  secret: it-secret
"""
def registry = new ProcessBuilder('/usr/bin/docker-registry', 'serve', config.path)
        .redirectErrorStream(true).redirectOutput(new File(dir, 'registry.log')).start()
System.getProperties().put('provenant.it.registry', registry)
def up = false
for (int i = 0; i < 100 && !up && registry.alive; i++) {
    try {
        new Socket(InetAddress.getLoopbackAddress(), port).close()
        up = true
    } catch (IOException e) {
        Thread.sleep(100)
    }
}
assert up : "docker-registry did not start; its log: ${new File(dir, 'registry.log').text}"
new File(basedir, 'registry.txt').text = "127.0.0.1:${port}"

// an OCI image layout of one image: one layer, a tar of app.txt
def sha256 = { byte[] b -> MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }
def layout = new File(basedir, 'layout')
def blobs = new File(layout, 'blobs/sha256')
blobs.mkdirs()
def blob = { byte[] b -> def d = sha256(b); new File(blobs, d).bytes = b; d }
def rootfs = new File(basedir, 'rootfs')
rootfs.mkdirs()
new File(rootfs, 'app.txt').text = 'demo image\n'
def tar = new File(basedir, 'layer.tar')
def p = ['tar', '--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-C', rootfs.path, '-cf', tar.path, 'app.txt'].execute()
assert p.waitFor() == 0
byte[] layer = tar.bytes
def layerDigest = blob(layer)
byte[] configJson = JsonOutput.toJson([architecture: 'amd64', os: 'linux', rootfs: [type: 'layers', diff_ids: ["sha256:$layerDigest"]],
                                       config: [Cmd: ['cat', '/app.txt']]]).bytes
def configDigest = blob(configJson)
byte[] manifest = JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: [mediaType: 'application/vnd.oci.image.config.v1+json', digest: "sha256:$configDigest", size: configJson.length],
        layers: [[mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: "sha256:$layerDigest", size: layer.length]]]).bytes
def manifestDigest = blob(manifest)
new File(layout, 'oci-layout').text = '{"imageLayoutVersion":"1.0.0"}'
new File(layout, 'index.json').text = JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [[mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: "sha256:$manifestDigest", size: manifest.length,
                     annotations: ['org.opencontainers.image.ref.name': '1.0']]]])

def target = new File(basedir, 'target')
target.mkdirs()
def digestFile = new File(basedir, 'pushed.digest')
def push = ['/usr/bin/skopeo', 'copy', '--quiet', '--dest-tls-verify=false', '--digestfile', digestFile.path, "oci:${layout}:1.0",
            "docker://127.0.0.1:${port}/demo/app:1.0"].execute()
def out = new StringBuilder(), err = new StringBuilder()
push.waitForProcessOutput(out, err)
assert push.exitValue() == 0 : "skopeo copy failed: $out$err"
// the digest of the manifest as skopeo pushed it (it may rewrite the layout's manifest on the way)
def digest = digestFile.text.strip()
assert digest ==~ /sha256:[0-9a-f]{64}/ : "skopeo wrote no digest: $digest"

// what jib:build writes after pushing (com.google.cloud.tools.jib.plugins.common.ImageMetadataOutput)
new File(target, 'jib-image.json').text = JsonOutput.toJson([image: "127.0.0.1:${port}/demo/app:1.0", imageId: "sha256:$configDigest",
        imageDigest: digest, tags: ['1.0'], imagePushed: true])
new File(target, 'jib-image.digest').text = digest
true
