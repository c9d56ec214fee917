package dev.provenant.localsigstore;

/** Where each service of a running stack listens; all on the loopback interface. */
public record Urls(String fulcio, String rekor, String tsa, String oidcIssuer, String ctLog, String http) {
    static Urls of(int httpPort, int fulcioPort) {
        String http = "http://127.0.0.1:" + httpPort;
        return new Urls("https://127.0.0.1:" + fulcioPort, http, http + TimestampAuthority.PATH, http + LocalSigstore.OIDC_PATH,
                http + "/ct", http);
    }
}
